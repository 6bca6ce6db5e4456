// A series is a query published to one place. What changes what it publishes (the query, its log
// groups, its mapping, the destination) must start a new series, or two meanings would be summed in
// one; what does not (moving log files, the order of log groups or of the mapping's keys) must not,
// or the next run would start afresh and publish its last window again.
import { describe, expect, it } from "vitest";
import { seriesIdentity, seriesKey, type SeriesIdentityInput } from "../../src/state/identity.js";

const BASE: SeriesIdentityInput = {
  name: "postfix-smtp-status",
  queryString: "stats count(*) as n by status, bin(5m) as bin",
  logGroups: ["/mail/a", "/mail/b"],
  mapping: { name: "{status}", value: "n", timestamp: "bin", dimensions: { Environment: "prod", Role: "mx" } },
  destination: "cloudwatch:Mail/Postfix:60",
};
const identity = (change: Partial<SeriesIdentityInput>) => seriesIdentity({ ...BASE, ...change });

describe(seriesIdentity.name, () => {
  it("is 12 hex digits, the same for the same definition", () => {
    expect(seriesIdentity(BASE)).toMatch(/^[0-9a-f]{12}$/);
    expect(identity({})).toBe(seriesIdentity(BASE));
  });

  it.each([
    ["the query", { queryString: "stats count(*) as n by status, bin(1m) as bin" }],
    ["the log groups", { logGroups: ["/mail/a"] }],
    ["a files source instead of log groups", { logGroups: null }],
    ["the mapping", { mapping: { ...(BASE.mapping as object), value: "m" } }],
    ["a dimension's value", { mapping: { ...(BASE.mapping as object), dimensions: { Environment: "test", Role: "mx" } } }],
    ["the destination", { destination: "cloudwatch:Mail/Postfix:1" }],
  ] as const)("changes with %s", (_, change) => {
    expect(identity(change)).not.toBe(seriesIdentity(BASE));
  });

  it("does not change with the order of the log groups or of the mapping's keys, nor with the name (the key holds it)", () => {
    const reordered = { dimensions: { Role: "mx", Environment: "prod" }, timestamp: "bin", value: "n", name: "{status}" };
    expect([identity({ logGroups: ["/mail/b", "/mail/a"] }), identity({ mapping: reordered }), identity({ name: "other" })]).toEqual([
      seriesIdentity(BASE),
      seriesIdentity(BASE),
      seriesIdentity(BASE),
    ]);
  });

  it("stays what it is from one version to the next: state files written before an upgrade keep their series", () => {
    const withList = { ...(BASE.mapping as object), zeroFill: ["550-5_7_26", "421-4_7_0"] };
    expect([seriesIdentity(BASE), identity({ mapping: withList, logGroups: null })]).toEqual(["6c1398b18517", "27bf1660e7ca"]);
  });
});

describe("a mapping with a field left empty (null in the YAML)", () => {
  it("has an identity, the same whatever the order of its keys", () => {
    const withNull = { ...(BASE.mapping as object), unit: null };
    const reordered = { unit: null, ...(BASE.mapping as object) };
    expect(identity({ mapping: withNull })).toMatch(/^[0-9a-f]{12}$/);
    expect(identity({ mapping: reordered })).toBe(identity({ mapping: withNull }));
  });
});

describe(seriesKey.name, () => {
  it("is the query name and the identity", () => {
    expect(seriesKey("q", "0123456789ab")).toBe("q@0123456789ab");
  });
});
