import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "./clock.js";
import type { PeerScript } from "./peer-script.js";
import { SmtpClient } from "./smtp-client.js";
import { startPeer, type SmtpPeer } from "./smtp-peer.js";

const B = Date.UTC(2026, 10, 29, 0, 25, 0); // a 5-minute boundary
const SAFE = B - 60_000; // far from any boundary

const GMAIL = [
  "550-5.7.26 This mail has been blocked because the sender is unauthenticated.",
  "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.",
  "550 5.7.26  https://support.google.com/mail/answer/81126#authentication - gsmtp",
];

const SCRIPT: PeerScript = {
  roles: [
    { name: "mx", protocol: "smtp", greeting: { kind: "reply", lines: ["220 mx.peer.test ESMTP"] } },
    { name: "lmtp", protocol: "lmtp", greeting: { kind: "reply", lines: ["220 lmtp.peer.test LMTP"] } },
    { name: "busy", protocol: "smtp", greeting: { kind: "reply", lines: ["421 4.7.0 busy.peer.test Try again later"] } },
    { name: "silent", protocol: "smtp", greeting: { kind: "silent" } },
  ],
  rules: [
    { role: "mx", key: "gmail-auth", data: [GMAIL] },
    { role: "mx", key: "full", rcpt: [{ reply: ["452-4.2.2 The inbox is full.", "452 4.2.2 Try later"] }, { reply: ["250 2.1.5 Ok"] }] },
    { role: "mx", key: "nocode", rcpt: [{ reply: ["550 Requested action not taken: mailbox unavailable"] }] },
    { role: "mx", key: "drop", rcpt: [{ drop: true }] },
    { role: "lmtp", key: "gone", rcpt: [{ reply: ["550 5.1.1 <{rcpt}> User doesn't exist"] }] },
    { role: "lmtp", key: "overquota", data: [["552 5.2.2 <{rcpt}> Quota exceeded"]] },
  ],
};

let peer: SmtpPeer | undefined;
const clients: SmtpClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await peer?.close();
  peer = undefined;
});

async function start(at = SAFE) {
  const clock = manualClock(at);
  peer = await startPeer({ script: SCRIPT, clock, greetingTimeoutMs: 5_000 });
  return { peer, clock };
}

async function open(p: SmtpPeer, role: string): Promise<SmtpClient> {
  const client = await SmtpClient.connect(p.ports[role] as number);
  clients.push(client);
  return client;
}

/** Waits for socket events to be processed (not for time to pass). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

async function transaction(client: SmtpClient, recipients: string[], hello = "EHLO"): Promise<string[][]> {
  await client.readReply();
  await client.command(`${hello} mailout.test`);
  await client.command("MAIL FROM:<s1@senders.test>");
  const replies: string[][] = [];
  for (const r of recipients) replies.push(await client.command(`RCPT TO:<${r}>`));
  return replies;
}

describe(startPeer.name, () => {
  it("sends a Gmail-style multi-line reply at end of DATA byte for byte, and records it", async () => {
    const { peer } = await start();
    const client = await open(peer, "mx");
    await transaction(client, ["gmail-auth.1@gmail.test"]);
    expect(await client.command("DATA")).toEqual(["354 End data with <CR><LF>.<CR><LF>"]);
    const before = client.received.length;
    client.write("Subject: x\r\n\r\nbody\r\n.\r\n");
    expect(await client.readReply()).toEqual(GMAIL);
    expect(client.received.slice(before)).toBe(GMAIL.map((line) => `${line}\r\n`).join(""));
    const dot = peer.record().find((e) => e.phase === "dot");
    expect(dot).toMatchObject({ role: "mx", action: "reply", recipients: ["gmail-auth.1@gmail.test"], lines: GMAIL, t: SAFE });
  });

  it("answers a recipient attempt by attempt, across connections", async () => {
    const { peer } = await start();
    const first = await transaction(await open(peer, "mx"), ["full.2@gmail.test"]);
    const second = await transaction(await open(peer, "mx"), ["full.2@gmail.test"]);
    expect(first).toEqual([["452-4.2.2 The inbox is full.", "452 4.2.2 Try later"]]);
    expect(second).toEqual([["250 2.1.5 Ok"]]);
  });

  it("uses a reply without enhanced code exactly as scripted, and defaults for unscripted recipients", async () => {
    const { peer } = await start();
    const client = await open(peer, "mx");
    expect(await transaction(client, ["nocode.3@example.test", "ok.3@example.test"])).toEqual([
      ["550 Requested action not taken: mailbox unavailable"],
      ["250 2.1.5 Ok"],
    ]);
    await client.command("DATA");
    client.write(".\r\n");
    expect((await client.readReply())[0]).toMatch(/^250 2\.0\.0 Ok: queued as \w+$/);
    // The end-of-data reply applies to the accepted recipients only.
    expect(peer.record().find((e) => e.phase === "dot")?.recipients).toEqual(["ok.3@example.test"]);
  });

  it("plays LMTP: one reply per accepted recipient after DATA, in RCPT order", async () => {
    const { peer } = await start();
    const client = await open(peer, "lmtp");
    const rcpts = await transaction(client, ["box.4a@lmtp.test", "gone.4b@lmtp.test", "overquota.4c@lmtp.test"], "LHLO");
    expect(rcpts.map((r) => r[0]?.slice(0, 3))).toEqual(["250", "550", "250"]);
    await client.command("DATA");
    client.write(".\r\n");
    expect(await client.readReply()).toEqual([expect.stringMatching(/^250 2\.0\.0 <box\.4a@lmtp\.test> \w+ Saved$/)]);
    expect(await client.readReply()).toEqual(["552 5.2.2 <overquota.4c@lmtp.test> Quota exceeded"]);
    const dots = peer.record().filter((e) => e.phase === "dot");
    expect(dots.map((e) => e.recipients)).toEqual([["box.4a@lmtp.test"], ["overquota.4c@lmtp.test"]]);
    expect(peer.record().find((e) => e.phase === "rcpt" && e.lines[0]?.startsWith("550"))?.lines).toEqual([
      "550 5.1.1 <gone.4b@lmtp.test> User doesn't exist",
    ]);
  });

  it("rejects at the greeting and closes the connection", async () => {
    const { peer } = await start();
    const client = await open(peer, "busy");
    expect(await client.readReply()).toEqual(["421 4.7.0 busy.peer.test Try again later"]);
    expect(await client.readLine()).toBeNull();
    expect(peer.record()).toMatchObject([
      { role: "busy", phase: "greeting", action: "reply", lines: ["421 4.7.0 busy.peer.test Try again later"] },
    ]);
  });

  it("drops the connection instead of replying, and records the transaction's recipients", async () => {
    const { peer } = await start();
    const client = await open(peer, "mx");
    await client.readReply();
    await client.command("EHLO mailout.test");
    await client.command("MAIL FROM:<s5@senders.test>");
    await client.command("RCPT TO:<ok.5a@gmail.test>");
    client.write("RCPT TO:<drop.5b@gmail.test>\r\n");
    expect(await client.readLine()).toBeNull();
    expect(peer.record().at(-1)).toMatchObject({
      phase: "rcpt",
      action: "drop",
      recipients: ["ok.5a@gmail.test", "drop.5b@gmail.test"],
      lines: [],
    });
  });

  it("never greets on a silent port, and records a timeout when the client gives up", async () => {
    const { peer } = await start();
    const client = await open(peer, "silent");
    client.close();
    await until(() => peer.record().length > 0);
    expect(client.received).toBe("");
    expect(peer.record()).toMatchObject([{ role: "silent", phase: "greeting", action: "timeout", lines: [] }]);
  });
});

describe("bin guard in the peer", () => {
  it("holds a reply due in the 2 s before a boundary until boundary + 1 s", async () => {
    const { peer, clock } = await start(B - 1_500);
    const client = await open(peer, "mx");
    expect(await client.readReply()).toEqual(["220 mx.peer.test ESMTP"]);
    expect(clock.sleeps).toEqual([2_500]);
    expect(peer.record()[0]?.t).toBe(B + 1_000);
  });

  it("holds a drop in the second after a boundary as well", async () => {
    const { peer, clock } = await start(SAFE);
    const client = await open(peer, "mx");
    await client.readReply();
    await client.command("EHLO mailout.test");
    await client.command("MAIL FROM:<s6@senders.test>");
    await clock.sleep(B + 400 - clock.now()); // the clock moves on while the client works
    client.write("RCPT TO:<drop.6@gmail.test>\r\n");
    expect(await client.readLine()).toBeNull();
    expect(peer.record().at(-1)).toMatchObject({ action: "drop", t: B + 1_000 });
  });

  it("nudges a silent greeting so the client's timeout fires after the quiet window", async () => {
    const { peer } = await start(B - 6_000); // a 5 s timeout would fire at B - 1 s
    const client = await open(peer, "silent");
    await until(() => client.received.length > 0);
    expect(client.received).toBe("2");
    expect(peer.record()).toMatchObject([{ phase: "greeting", action: "nudge", t: B + 1_500 - 5_000 }]);
  });
});
