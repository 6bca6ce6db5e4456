import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";

const outputsOf = (query: string) => compileQuery(query).statsOutputs;

describe("CompiledQuery.statsOutputs", () => {
  it("tells bin() outputs, other `by` groups and aggregates apart, and which hold times", () => {
    expect(outputsOf("stats count(*) as n, max(@timestamp) as last by status, bin(5m) as t, datefloor(@timestamp, 1h) as hour")).toEqual([
      { name: "status", role: "group", time: false },
      { name: "t", role: "bin", time: true },
      { name: "hour", role: "group", time: true },
      { name: "n", role: "aggregate", time: false, additive: true },
      { name: "last", role: "aggregate", time: true, additive: false },
    ]);
  });

  it("says which aggregates add up over merged groups: count() and sum(), not avg, max or count_distinct", () => {
    const outputs = outputsOf(
      "stats count() as a, sum(x) as b, avg(x) as c, max(x) as d, count_distinct(x) as e, COUNT(*) as f by bin(5m) as t",
    );
    expect(outputs!.filter((o) => o.role === "aggregate").map((o) => [o.name, o.additive])).toEqual([
      ["a", true],
      ["b", true],
      ["c", false],
      ["d", false],
      ["e", false],
      ["f", true],
    ]);
  });

  it("describes the last stats only", () => {
    expect(outputsOf("stats count(*) as n by status, bin(1m) as t | stats sum(n) as total by status")).toEqual([
      { name: "status", role: "group", time: false },
      { name: "total", role: "aggregate", time: false, additive: true },
    ]);
  });

  it("leaves out a field a later command assigns, and keeps the others", () => {
    expect(outputsOf("stats count(*) as n by bin(5m) as t | fields n * 2 as n, t | sort t | limit 5")).toEqual([
      { name: "t", role: "bin", time: true },
    ]);
    expect(outputsOf('stats count(*) as n by status | parse status "*x" as n')).toEqual([{ name: "status", role: "group", time: false }]);
  });

  it("counts another field, or a function of the same name, put under an output's name as assigning it", () => {
    expect(outputsOf("stats count(*) as n, sum(x) as s by bin(5m) as t | fields s as n, t")).toEqual([
      { name: "t", role: "bin", time: true },
      { name: "s", role: "aggregate", time: false, additive: true },
    ]);
    expect(outputsOf("stats count(*) as abs by bin(5m) as t | fields abs(-1) as abs, t")).toEqual([{ name: "t", role: "bin", time: true }]);
  });

  it("is null without stats, or when a regex parse after it could assign any of them", () => {
    expect(outputsOf("fields @message")).toBeNull();
    expect(outputsOf("stats count(*) as n by status | parse status /(?<n>.)/")).toBeNull();
  });
});
