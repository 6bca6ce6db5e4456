import { describe, expect, it } from "vitest";
import { describeText } from "./log-check.js";
import { parseLogLine } from "./log-lines.js";

const YEAR = 2026;

describe(parseLogLine.name, () => {
  it("reads a delivery status line", () => {
    const line = parseLogLine(
      "Nov 29 00:24:10 mailout postfix/smtp[13882]: BA76E210AA7: to=<ok.1@outlook.test>, relay=127.0.0.1[127.0.0.1]:36915, delay=0.03, delays=0.01/0.02/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 10002)",
      YEAR,
    );
    expect(line).toMatchObject({
      t: Date.UTC(2026, 10, 29, 0, 24, 10),
      service: "postfix/smtp",
      queueId: "BA76E210AA7",
      kind: "status",
      recipient: "ok.1@outlook.test",
      relayPort: 36915,
      dsn: "2.0.0",
      status: "sent",
      text: "250 2.0.0 Ok: queued as 10002",
    });
    expect(describeText(line!)).toBe("sent:250 2.0.0 Ok: queued as 10002");
  });

  it("reads an informational line and strips the command it answered", () => {
    const line = parseLogLine(
      "Nov 29 00:24:10 mailout postfix/smtp[13884]: BC2E5210AA9: host 127.0.0.1[127.0.0.1] said: 451 4.3.0 Temporary system failure, try again later (in reply to end of DATA command)",
      YEAR,
    );
    expect(line).toMatchObject({ kind: "info", recipient: null, dsn: null });
    expect(describeText(line!)).toBe("said:451 4.3.0 Temporary system failure, try again later");
  });

  it("tells local bounces, timeouts and expiries apart", () => {
    const local = parseLogLine(
      'Nov 29 00:24:10 mailout postfix/local[13883]: BB75B210AA8: to=<ghost.2@local.test>, relay=local, delay=0.05, delays=0/0.02/0/0.02, dsn=5.1.1, status=bounced (unknown user: "ghost.2")',
      YEAR,
    );
    expect(local).toMatchObject({ relayPort: null, status: "bounced" });
    expect(describeText(local!)).toBe("local-unknown-user");
    const timeout = parseLogLine(
      "Nov 29 00:24:15 mailout postfix/smtp[13882]: BEF10210AAE: to=<user.7@silent.test>, relay=127.0.0.1[127.0.0.1]:32863, delay=5, delays=0/0.03/5/0, dsn=4.4.2, status=deferred (conversation with 127.0.0.1[127.0.0.1] timed out while receiving the initial server greeting)",
      YEAR,
    );
    expect(describeText(timeout!)).toBe("timeout");
    expect(
      parseLogLine(
        "Nov 29 00:26:01 mailout postfix/qmgr[13877]: D7E6D210AB3: from=<s30@senders.test>, status=expired, returned to sender",
        YEAR,
      )?.kind,
    ).toBe("expired");
    expect(parseLogLine("not a log line", YEAR)).toBeNull();
  });
});
