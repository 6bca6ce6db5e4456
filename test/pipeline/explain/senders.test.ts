import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { senderQueries, sendersOf } from "../../../src/pipeline/explain/senders.js";

describe(senderQueries.name, () => {
  it("finds qmgr's from= of the given queue ids, the null sender of a bounce included", () => {
    const [query] = senderQueries(["5FCA28903A", "C93CEB08A046", "5FCA28903A"]);
    const execution = compileQuery(query!).start();
    const lines = [
      // Hsn723/postfix_exporter issue #249; public page 14035177831; whyscream qmgr_0004 (the null sender)
      "2025-04-09T08:25:46.538825+00:00 86ea4d14de98 postfix/qmgr[129]: 5FCA28903A: from=<dev@contoso.com>, size=9334, nrcpt=1 (queue active)",
      "Dec 28 13:39:28 mx postfix/qmgr[22753]: C93CEB08A046: from=<>, status=expired, returned to sender",
      "Sep 11 09:14:48 gmcmilla-md postfix/qmgr[8488]: 589AF1A8DB26: from=<_www@gmcmilla-md.local>, size=514, nrcpt=3 (queue active)",
      // smtpd's reject carries from= too, but no queue id before it.
      "Feb 24 16:18:40 letterman postfix/postscreen[1234]: NOQUEUE: reject: RCPT from [1.2.3.4]:5678: 550 5.7.1 Service unavailable; from=<a@b.com> to=<c@d.com> proto=ESMTP helo=<x>",
    ];
    lines.forEach((message, i) => execution.push({ timestamp: i, message }));
    expect(sendersOf(execution.finish().rows)).toEqual(
      new Map([
        ["5FCA28903A", "dev@contoso.com"],
        ["C93CEB08A046", ""],
      ]),
    );
  });

  it("splits many queue ids over queries that StartQuery takes (at most 10,000 characters)", () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => (0x100000 + i).toString(16).toUpperCase());
    const queries = senderQueries(ids);
    expect(queries.length).toBeGreaterThan(1);
    for (const query of queries) expect(query.length).toBeLessThanOrEqual(10_000);
    expect(queries.join("\n").match(/"[0-9A-F]+"/g)).toHaveLength(2_000);
  });
});
