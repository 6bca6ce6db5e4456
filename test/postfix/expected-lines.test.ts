import { describe, expect, it } from "vitest";
import { expectedLines, linesForEvent, localLine } from "./expected-lines.js";
import type { PeerEvent } from "./peer-record.js";
import type { RoleModel } from "./scenario.js";

const T = Date.UTC(2026, 10, 29, 0, 21, 0);
const ROLES: RoleModel[] = [
  { name: "mx", protocol: "smtp", greeting: { kind: "reply", lines: ["220 mx"] }, finalHost: true },
  { name: "first", protocol: "smtp", greeting: { kind: "reply", lines: ["220 first"] }, finalHost: false },
  { name: "lmtp", protocol: "lmtp", greeting: { kind: "reply", lines: ["220 lmtp"] }, finalHost: true },
];
const byName = new Map(ROLES.map((r) => [r.name, r]));

function event(partial: Partial<PeerEvent>): PeerEvent {
  return {
    seq: 1,
    t: T,
    role: "mx",
    port: 2525,
    protocol: "smtp",
    connection: 1,
    phase: "rcpt",
    action: "reply",
    recipients: [],
    lines: [],
    ...partial,
  };
}

const lines = (partial: Partial<PeerEvent>) => linesForEvent(event(partial), byName);
const brief = (partial: Partial<PeerEvent>) => lines(partial).map((l) => [l.kind, l.recipient, l.status, l.dsn, l.form]);

describe(linesForEvent.name, () => {
  it("gives one sent line per accepted recipient for a 2XX end-of-data reply", () => {
    expect(brief({ phase: "dot", recipients: ["a@x.test", "b@x.test"], lines: ["250 2.0.0 Ok: queued as 1"] })).toEqual([
      ["status", "a@x.test", "sent", "2.0.0", "sent"],
      ["status", "b@x.test", "sent", "2.0.0", "sent"],
    ]);
    expect(brief({ phase: "dot", recipients: ["a@x.test"], lines: ["250 OK id=1"] })).toEqual([
      ["status", "a@x.test", "sent", "2.0.0", "sent"],
    ]);
  });

  it("bounces every accepted recipient on a 5XX end-of-data reply, with the last line's code", () => {
    const gmail = ["550-5.7.26 blocked", "550 5.7.26  https://support.google.com - gsmtp"];
    expect(brief({ phase: "dot", recipients: ["a@x.test", "b@x.test"], lines: gmail })).toEqual([
      ["status", "a@x.test", "bounced", "5.7.26", "said"],
      ["status", "b@x.test", "bounced", "5.7.26", "said"],
    ]);
  });

  it("defers or bounces one recipient on a failed RCPT, synthesising X.0.0 when the code is missing or of another class", () => {
    expect(brief({ recipients: ["q@x.test"], lines: ["452-4.2.2 full", "452 4.2.2 later"] })).toEqual([
      ["status", "q@x.test", "deferred", "4.2.2", "said"],
    ]);
    expect(brief({ recipients: ["n@x.test"], lines: ["550 Requested action not taken"] })).toEqual([
      ["status", "n@x.test", "bounced", "5.0.0", "said"],
    ]);
    expect(brief({ recipients: ["m@x.test"], lines: ["550 4.7.1 wrong class"] })).toEqual([
      ["status", "m@x.test", "bounced", "5.0.0", "said"],
    ]);
    expect(lines({ recipients: ["ok@x.test"], lines: ["250 2.1.5 Ok"] })).toEqual([]);
  });

  it("defers a rejected greeting with a 4.x.x DSN, also for 5XX (smtp_skip_5xx_greeting)", () => {
    expect(brief({ phase: "greeting", lines: ["421 4.7.0 busy"] })).toEqual([["status", null, "deferred", "4.7.0", "refused"]]);
    expect(brief({ phase: "greeting", lines: ["554-no service", "554 go away"] })).toEqual([
      ["status", null, "deferred", "4.0.0", "refused"],
    ]);
    expect(brief({ phase: "greeting", lines: ["554 5.7.1 blocked"] })).toEqual([["status", null, "deferred", "4.7.1", "refused"]]);
    expect(lines({ phase: "greeting", lines: ["220 hello"] })).toEqual([]);
  });

  it("logs one informational line per transaction for a soft error at a non-final host", () => {
    expect(brief({ role: "first", phase: "dot", recipients: ["a@f.test", "b@f.test"], lines: ["451 4.3.0 later"] })).toEqual([
      ["info", null, null, null, "said"],
    ]);
    expect(brief({ role: "first", recipients: ["a@f.test"], lines: ["450 4.2.0 greylisted"] })).toEqual([
      ["info", null, null, null, "said"],
    ]);
    expect(brief({ role: "first", phase: "greeting", lines: ["421 4.7.0 busy"] })).toEqual([["info", null, null, null, "refused"]]);
  });

  it("still bounces on a hard error at a non-final host", () => {
    expect(brief({ role: "first", phase: "dot", recipients: ["a@f.test"], lines: ["554 5.7.1 no"] })).toEqual([
      ["status", "a@f.test", "bounced", "5.7.1", "said"],
    ]);
  });

  it("maps each LMTP end-of-data reply to its one recipient", () => {
    expect(
      brief({ role: "lmtp", protocol: "lmtp", phase: "dot", recipients: ["o@l.test"], lines: ["552 5.2.2 <o@l.test> Quota exceeded"] }),
    ).toEqual([["status", "o@l.test", "bounced", "5.2.2", "said"]]);
    expect(
      brief({ role: "lmtp", protocol: "lmtp", phase: "dot", recipients: ["b@l.test"], lines: ["250 2.0.0 <b@l.test> Saved"] }),
    ).toEqual([["status", "b@l.test", "sent", "2.0.0", "sent"]]);
  });

  it("defers dropped and timed-out connections with 4.4.2 and no remote reply", () => {
    const drop = lines({ action: "drop", recipients: ["d@x.test"] });
    expect(drop).toMatchObject([{ status: "deferred", dsn: "4.4.2", reply: null, cause: "lost-connection", recipient: "d@x.test" }]);
    expect(lines({ phase: "greeting", action: "timeout" })).toMatchObject([
      { status: "deferred", dsn: "4.4.2", reply: null, cause: "timeout" },
    ]);
    expect(lines({ phase: "greeting", action: "nudge" })).toEqual([]);
  });

  it("refuses to guess for replies it has no rule for", () => {
    expect(() => lines({ phase: "mail", lines: ["550 5.7.1 sender rejected"] })).toThrow(/no model for a 550 reply at mail/);
    expect(() => linesForEvent(event({ role: "nobody" }), byName)).toThrow(/unknown role/);
  });
});

describe(expectedLines.name, () => {
  it("adds a local unknown-user bounce per local delivery", () => {
    const local = { t: T, recipient: "ghost.1@local.test" };
    expect(expectedLines([], ROLES, [local])).toEqual([localLine(local)]);
    expect(localLine(local)).toMatchObject({ status: "bounced", dsn: "5.1.1", reply: null, cause: "local-unknown-user" });
  });
});
