// The static analysis behind "one series per metric": what strings a query's fields can hold.
// Soundness is checked against the engine: every value it produces is within the field's shape.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { groupShapes } from "../../../src/insights/analysis/regex-shape.js";
import { overlap } from "../../../src/insights/analysis/shape-overlap.js";
import { ANY, literal, type Shape } from "../../../src/insights/analysis/string-shape.js";
import type { LogEvent } from "../../../src/insights/types.js";
import { prng } from "../../support/prng.js";
import { SHIPPED, shippedDefinition } from "../../queries/shipped-query.js";

/** overlap() leaves out the empty string, which is never published; here it counts. */
const holds = (shape: Shape, value: string) =>
  value === "" ? shape.some((sequence) => sequence.every((r) => r.min === 0)) : overlap(shape, literal(value), Infinity) !== undefined;
const shapeOf = (query: string, field: string) => compileQuery(query).fieldShapes?.get(field) ?? ANY;

describe(overlap.name, () => {
  const reply = groupShapes(String.raw`(?<reply>[2-5]\d\d)`, false).get("reply")!;
  const status = groupShapes("(?<status>[A-Za-z][A-Za-z-]*)", false).get("status")!;

  it.each([
    ["a reply code and a delivery status", reply, status],
    ["two literals", literal("sent-2_0_0"), literal("sent-2_0_1")],
    ["a literal and a longer one", literal("abc"), literal("abcd")],
  ])("finds nothing common to %s", (_, a, b) => {
    expect(overlap(a, b, 255)).toBeUndefined();
  });

  it("does not count the empty string, which is never published", () => {
    expect(overlap(groupShapes("(?<a>[a-z]*)", false).get("a")!, groupShapes("(?<a>[0-9]*)", false).get("a")!, 255)).toBeUndefined();
  });

  it("gives a string both can produce", () => {
    expect(overlap(reply, groupShapes(String.raw`(?<code>\d+)`, false).get("code")!, 255)).toEqual({ example: "200" });
    expect(overlap(ANY, literal("x-1"), 255)).toEqual({ example: "x-1" });
  });

  it("counts a common prefix as long as the cut as common: CloudWatch names are cut to 255 characters", () => {
    const tail = (end: string) => groupShapes(`(?<x>[a-z]+${end})`, false).get("x")!;
    expect(overlap(tail("-smtp"), tail("-lmtp"), 255)?.example).toHaveLength(255);
    expect(overlap(tail("-smtp"), tail("-lmtp"), Infinity)).toBeUndefined();
    const bounded = (end: string) => groupShapes(`(?<x>[a-z]{1,9}${end})`, false).get("x")!;
    expect(overlap(bounded("-smtp"), bounded("-lmtp"), 255)).toBeUndefined();
  });
});

describe(groupShapes.name, () => {
  it.each([
    [String.raw`(?<a>x|yz)`, ["x", "yz"], ["y", "xyz"]],
    [String.raw`(?<a>(?:ab)+)`, ["ab", "abab"], ["", "c"]],
    [String.raw`(?<a>[^,]+),`, ["a b", "é"], [",", ""]],
    [String.raw`(?<a>\d{1,3}\.\d)`, ["1.2", "123.4"], ["1234.5", "a.1"]],
    [String.raw`(?<a>[\w.-]+)@`, ["a.b-c_d"], ["a b", "a@b"]],
    [String.raw`(?<a>\x41\u0042\t\cJ)`, ["AB\t\n"], ["AB \n"]],
    [String.raw`dsn=(?<a>\d\.\d{1,3}\.\d{1,3})(?:,|\s|$)`, ["5.7.26"], ["5.7.2.6"]],
  ])("%s", (pattern, inside, outside) => {
    const shape = groupShapes(pattern, false).get("a")!;
    for (const value of inside) expect(holds(shape, value), value).toBe(true);
    for (const value of outside) expect(holds(shape, value), value).toBe(false);
  });

  it("reads a leading (?i) into both cases", () => {
    const shape = groupShapes("(?<a>sent)", true).get("a")!;
    expect(["sent", "SENT", "SeNt"].every((value) => holds(shape, value))).toBe(true);
  });

  it.each(["(?<a>[]x])", String.raw`(?<a>\c1)`, String.raw`(?<a>\xZ)`])(
    "gives no shape for %s, which it does not follow: callers read that as anything",
    (pattern) => {
      expect(groupShapes(pattern, false).get("a")).toBeUndefined();
    },
  );
});

describe("fieldShapes", () => {
  it("carries a group through concat, replace, coalesce and stats, and keeps the null case until ispresent", () => {
    const query = String.raw`parse @message /r=(?<r>[2-5]\d\d)/ | parse @message /d=(?<d>\d\.\d)/
      | filter ispresent(r) | fields concat(r, "-", replace(coalesce(d, "0.0"), ".", "_")) as metric
      | stats count(*) as n by metric, bin(5m) as t`;
    const metric = shapeOf(query, "metric");
    expect(holds(metric, "550-5_7")).toBe(true);
    expect(holds(metric, "550-0_0")).toBe(true);
    expect(holds(metric, "550-5.7")).toBe(false);
    expect(holds(metric, "-5_7")).toBe(false);
    expect(holds(shapeOf(query.replace("| filter ispresent(r) ", ""), "metric"), "-5_7")).toBe(true);
  });

  it("treats a field the query reads but does not assign, a glob capture and other functions as anything", () => {
    expect(shapeOf("fields concat(level, '!') as metric", "metric")).toEqual(shapeOf("fields concat(anything, '!') as metric", "metric"));
    expect(holds(shapeOf("fields concat(level, '!') as metric", "metric"), "ERROR!")).toBe(true);
    expect(holds(shapeOf(`parse @message "k=*," as k | fields k as metric`, "metric"), "any thing")).toBe(true);
    expect(holds(shapeOf(String.raw`parse @message /(?<k>\d+)/ | fields strlen(k) as metric`, "metric"), "x")).toBe(true);
  });

  it("maps case and drops a replaced character", () => {
    const lower = shapeOf(String.raw`parse @message /(?<k>[A-Z]+)/ | fields tolower(k) as m`, "m");
    expect([holds(lower, "abc"), holds(lower, "ABC")]).toEqual([true, false]);
    const dropped = shapeOf(String.raw`parse @message /(?<k>\d\.\d)/ | fields replace(k, ".", "") as m`, "m");
    expect([holds(dropped, "57"), holds(dropped, "5.7")]).toEqual([true, false]);
  });
});

describe("fieldShapes is sound", () => {
  const maillog = readFileSync(new URL("../../../examples/maillog", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line !== "");
  const events: LogEvent[] = maillog.map((message, i) => ({ timestamp: 1_700_000_000_000 + i * 1000, message }));

  it.each(SHIPPED)("holds every metric name the shipped query %s makes from the example log", (name) => {
    const compiled = compileQuery(shippedDefinition(name).query);
    const execution = compiled.start();
    for (const event of events) execution.push(event);
    const names = execution.finish().rows.map((row) => row.find((cell) => cell.field === "metric")!.value);
    expect(names.length).toBeGreaterThan(10);
    for (const value of names) expect(holds(compiled.fieldShapes!.get("metric")!, value), value).toBe(true);
  });

  // "ß".toUpperCase() is "SS" and "İ".toLowerCase() is "i̇" (two code points): a mapping character
  // by character would leave them out.
  it.each([
    ["toupper", "aß", "ASS"],
    ["tolower", "Aİ", "ai\u0307"],
  ])("holds what %s makes of %j beyond ASCII", (fn, input, made) => {
    const compiled = compileQuery(`parse @message /k=(?<k>[a-zA-Z][a-zA-Zßİ]);/ | fields ${fn}(k) as m`);
    const execution = compiled.start();
    execution.push({ timestamp: 0, message: `k=${input};` });
    expect(execution.finish().rows.map((row) => row.find((cell) => cell.field === "m")?.value)).toEqual([made]);
    expect(holds(compiled.fieldShapes!.get("m")!, made)).toBe(true);
  });

  it("holds every value of random queries over random lines", () => {
    const random = prng(20261204);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const groups = [
      String.raw`(?<a>[a-c]+)`,
      String.raw`(?<a>\d{1,2}[.-]?)`,
      String.raw`(?<a>x|yz|)`,
      String.raw`(?<a>[^ ]*)`,
      "(?<a>(?:ab|c)+d?)",
    ];
    const wraps = [
      'concat(a, "-", a)',
      'replace(a, "-", "_")',
      'replace(a, "a", "")',
      'replace(a, "-", "__")',
      'replace(a, "ab", "q")',
      "tolower(a)",
      "toupper(a)",
      'coalesce(b, a, "z")',
      "concat(b, a)",
      "a",
    ];
    const alphabet = "abcdxyz0123456789.- _";
    let checked = 0;
    for (let round = 0; round < 150; round++) {
      const query = `parse @message /k=${pick(groups)};/ | parse @message /j=(?<b>[a-z]);/ | fields ${pick(wraps)} as m`;
      const compiled = compileQuery(query);
      const execution = compiled.start();
      for (let i = 0; i < 20; i++) {
        const text = Array.from({ length: Math.floor(random() * 6) }, () => pick([...alphabet])).join("");
        execution.push({ timestamp: i, message: `k=${text}; ${random() < 0.5 ? `j=${pick(["a", "q"])};` : ""}` });
      }
      const shape = compiled.fieldShapes!.get("m")!;
      for (const row of execution.finish().rows) {
        const value = row.find((cell) => cell.field === "m")?.value;
        if (value === undefined) continue;
        expect(holds(shape, value), `${query} made ${JSON.stringify(value)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
