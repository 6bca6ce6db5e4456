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

  it("asks for each queue id once, in an order that does not depend on the events', and asks nothing for none", () => {
    expect(senderQueries(["C93CEB08A046", "5FCA28903A", "C93CEB08A046"])).toEqual([
      [
        "filter @message like /: from=</",
        "| parse @message /(?<queueId>[0-9A-Za-z]+): from=<(?<sender>[^>]*)>/",
        '| filter queueId in ["5FCA28903A", "C93CEB08A046"]',
        "| display queueId, sender",
      ].join("\n"),
    ]);
    expect(senderQueries([])).toEqual([]);
  });

  it("fills a query up to 9,500 characters, leaving StartQuery's last 500 for the window", () => {
    const around = senderQueries(["AAAAA"])[0]!.length - '"AAAAA"'.length;
    // Queue ids of 20 characters, and a last one that brings the query to `length`.
    const idsFor = (length: number): string[] => {
      const full = Math.floor((length - around - 4 - 5) / 24);
      const last = length - around - 24 * full - 2;
      return [...Array.from({ length: full }, (_, i) => `A${i.toString().padStart(19, "0")}`), "B".repeat(last)];
    };
    const exact = senderQueries(idsFor(9_500));
    expect(exact.map((query) => query.length)).toEqual([9_500]);
    const ids = idsFor(9_501);
    const split = senderQueries(ids);
    expect(split).toHaveLength(2);
    expect(split.flatMap((query) => query.match(/"[^"]*"/g)!.map((quoted) => quoted.slice(1, -1)))).toEqual(ids);
  });
});

describe(sendersOf.name, () => {
  it("skips a row without a queue id, and takes a row without a sender for the null sender", () => {
    // Rows can come back without a cell for a field, or empty (docs/cloudwatch-facts.md, GetQueryResults).
    const rows = [
      [],
      [{ field: "sender", value: "dev@contoso.com" }],
      [{ field: "queueId", value: "C93CEB08A046" }],
      [
        { field: "sender", value: "news@shop.example" },
        { field: "queueId", value: "5FCA28903A" },
      ],
    ];
    expect(sendersOf(rows)).toEqual(
      new Map([
        ["C93CEB08A046", ""],
        ["5FCA28903A", "news@shop.example"],
      ]),
    );
  });
});
