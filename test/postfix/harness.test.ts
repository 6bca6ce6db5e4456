// The real-Postfix run checked against the model: every line the model expects is logged, in the
// bin it expects, and Postfix logs no delivery line the model did not expect. Skips with a reason
// where Postfix cannot run; with CI=true that is a failure instead.
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { expectedLines, type ExpectedLine } from "./expected-lines.js";
import { DELIVERY_QUERY, REPLY_QUERY } from "./expected.js";
import type { PostfixRun } from "./harness.js";
import { checkAgainstLog } from "./log-check.js";
import { parseLog, type LogLine } from "./log-lines.js";
import { planMessages } from "./mix.js";
import { layout } from "./postfix-config.js";
import { isPostfixRunning } from "./postfix-control.js";
import { getPostfixRun, RUN_TIMEOUT_MS } from "./postfix-run.js";
import { postfixTestsSkipReason } from "./skip.js";

const skipReason = postfixTestsSkipReason();

describe.skipIf(skipReason !== null)(`real Postfix run${skipReason === null ? "" : ` (skipped: ${skipReason})`}`, () => {
  let run: PostfixRun;
  let log: LogLine[];
  let expected: ExpectedLine[];

  beforeAll(async () => {
    run = await getPostfixRun();
    log = parseLog(readFileSync(run.logPath, "utf8"), new Date(run.startedAt).getUTCFullYear());
    expected = expectedLines(run.record, run.roles, run.local);
  }, RUN_TIMEOUT_MS);

  it("logs exactly the delivery lines the model expects, each in the expected bin", () => {
    const check = checkAgainstLog(expected, log, run.ports);
    expect(check.missing).toEqual([]);
    expect(check.unexpected.map((l) => l.raw)).toEqual([]);
    expect(check.matched).toBe(expected.length);
  });

  it("logs a status line for every recipient the peer saw", () => {
    const logged = new Set(log.filter((l) => l.kind === "status").map((l) => l.recipient));
    const seen = run.record.filter((e) => e.phase === "rcpt").flatMap((e) => e.recipients);
    expect(seen.length).toBeGreaterThan(run.messages);
    expect(seen.filter((r) => !logged.has(r))).toEqual([]);
  });

  it("logs the first host's 451 on an informational line, then delivers via the fallback relay", () => {
    const info = log.filter((l) => l.kind === "info");
    expect(info.length).toBeGreaterThan(0);
    expect(info.every((l) => l.text.includes("said: 451 4.3.0 "))).toBe(true);
    const viaFallback = log.filter((l) => l.kind === "status" && l.recipient?.endsWith("@fallback.test"));
    expect(viaFallback.length).toBeGreaterThanOrEqual(info.length);
    expect(new Set(viaFallback.map((l) => [l.status, l.relayPort].join()))).toEqual(new Set([["sent", run.ports["fb-relay"]].join()]));
  });

  it("reaches the peer on every attempt: no suspended destination, no failed connect", () => {
    expect(log.filter((l) => l.raw.includes("delivery temporarily suspended") || / connect to /.test(l.raw)).map((l) => l.raw)).toEqual([]);
  });

  it("expires exactly the messages whose recipients can never be delivered", () => {
    const plan = planMessages(run.seed, run.messages);
    const never = plan.filter((m) => ["greet421", "greet554", "silent", "expire"].includes(m.kind)).map((m) => `from=<${m.from}>,`);
    const expired = log.filter((l) => l.kind === "expired").map((l) => l.text.split(" ")[0]);
    expect(expired.sort()).toEqual(never.sort());
  });

  it("produces the spread of replies and statuses the mix is built for", () => {
    expect(Object.keys(run.expected.queries[REPLY_QUERY])).toEqual(
      expect.arrayContaining([
        "250-2_0_0",
        "250-2_6_0",
        "421-4_7_0",
        "450-4_2_0",
        "451-4_3_0",
        "452-4_2_2",
        "550-5_0_0",
        "550-5_1_1",
        "550-5_7_1",
        "550-5_7_26",
        "552-5_2_2",
        "554-4_0_0",
        "554-5_0_0",
      ]),
    );
    expect(Object.keys(run.expected.queries[DELIVERY_QUERY])).toEqual(
      expect.arrayContaining(["deferred-4_4_2", "bounced-5_1_1", "sent-2_0_0", "deferred-4_7_0"]),
    );
    expect(run.expected.notCounted[REPLY_QUERY]).toMatchObject({
      "lost-connection": expect.any(Number),
      timeout: expect.any(Number),
      "local-unknown-user": expect.any(Number),
    });
  });

  it("stamps the log in UTC within the run", () => {
    const stamps = log.map((l) => l.t);
    expect(Math.min(...stamps)).toBeGreaterThanOrEqual(Math.floor(run.startedAt / 1000) * 1000 - 1000);
    expect(Math.max(...stamps)).toBeLessThanOrEqual(run.finishedAt + 1000);
  });

  it("leaves nothing running", async () => {
    expect(existsSync(run.logPath)).toBe(true);
    expect(isPostfixRunning(layout(run.dir))).toBe(false);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ port: run.ports.mx as number, host: "127.0.0.1" });
      socket.once("connect", () => (socket.destroy(), resolve(false)));
      socket.once("error", () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
