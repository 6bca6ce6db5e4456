import { describe, expect, it } from "vitest";
import { BIN_MS } from "./bin-guard.js";
import type { ExpectedLine } from "./expected-lines.js";
import { countLines, deliveryMetric, DELIVERY_QUERY, REPLY_QUERY, replyMetric } from "./expected.js";

const T = Date.UTC(2026, 10, 29, 0, 21, 0);
const BIN = new Date(Date.UTC(2026, 10, 29, 0, 20, 0)).toISOString();
const NEXT = new Date(Date.UTC(2026, 10, 29, 0, 25, 0)).toISOString();

function line(partial: Partial<ExpectedLine>): ExpectedLine {
  return {
    t: T,
    role: "mx",
    recipient: "a@x.test",
    kind: "status",
    status: "sent",
    dsn: "2.0.0",
    reply: ["250 2.0.0 Ok"],
    form: "sent",
    cause: "reply",
    ...partial,
  };
}

describe(replyMetric.name, () => {
  it("takes dsn= over the reply's own code on status lines", () => {
    expect(replyMetric(line({ status: "bounced", dsn: "5.0.0", reply: ["550 4.7.1 wrong class"], form: "said" }))).toBe("550-5_0_0");
    expect(replyMetric(line({ status: "deferred", dsn: "4.0.0", reply: ["554-no", "554 service"], form: "refused" }))).toBe("554-4_0_0");
  });

  it("takes the reply's own code on informational lines, and counts none without one", () => {
    expect(replyMetric(line({ kind: "info", status: null, dsn: null, reply: ["451 4.3.0 later"], form: "said" }))).toBe("451-4_3_0");
    expect(replyMetric(line({ kind: "info", status: null, dsn: null, reply: ["421 try later"], form: "refused" }))).toBeNull();
  });

  it("counts no line without a remote reply", () => {
    expect(replyMetric(line({ status: "deferred", dsn: "4.4.2", reply: null, form: null, cause: "timeout" }))).toBeNull();
  });
});

describe(deliveryMetric.name, () => {
  it("names status and dsn, and skips informational lines", () => {
    expect(deliveryMetric(line({ status: "deferred", dsn: "4.4.2", reply: null }))).toBe("deferred-4_4_2");
    expect(deliveryMetric(line({ kind: "info", status: null, dsn: null }))).toBeNull();
  });
});

describe(countLines.name, () => {
  it("counts per metric per 5-minute bin, and tallies what each query must not count", () => {
    const counts = countLines([
      line({}),
      line({ recipient: "b@x.test" }),
      line({ t: T + BIN_MS }),
      line({ kind: "info", status: null, dsn: null, reply: ["451 4.3.0 later"], form: "said" }),
      line({ status: "bounced", dsn: "5.1.1", reply: null, form: null, cause: "local-unknown-user" }),
    ]);
    expect(counts.queries[REPLY_QUERY]).toEqual({ "250-2_0_0": { [BIN]: 2, [NEXT]: 1 }, "451-4_3_0": { [BIN]: 1 } });
    expect(counts.queries[DELIVERY_QUERY]).toEqual({ "bounced-5_1_1": { [BIN]: 1 }, "sent-2_0_0": { [BIN]: 2, [NEXT]: 1 } });
    expect(counts.notCounted[REPLY_QUERY]).toEqual({ "local-unknown-user": 1 });
    expect(counts.notCounted[DELIVERY_QUERY]).toEqual({ "informational (no dsn=)": 1 });
  });
});
