import { describe, expect, it } from "vitest";
import { fillTemplate, isStatic, placeholders } from "../../src/metrics/template.js";

describe(placeholders.name, () => {
  it("lists each field once, in order, including names with parentheses", () => {
    expect(placeholders("{status}-{dsn}/{status}/{bin(5m)}")).toEqual(["status", "dsn", "bin(5m)"]);
    expect(placeholders("static")).toEqual([]);
  });
});

describe(isStatic.name, () => {
  it("is true only without placeholders", () => {
    expect(isStatic("mx-1")).toBe(true);
    expect(isStatic("{host}")).toBe(false);
  });
});

describe(fillTemplate.name, () => {
  const row = new Map([
    ["status", "deferred"],
    ["dsn", "4_4_1"],
  ]);
  it("fills placeholders from the row", () => {
    expect(fillTemplate("{status}-{dsn}", (field) => row.get(field))).toEqual({ text: "deferred-4_4_1" });
  });
  it("names the first missing field", () => {
    expect(fillTemplate("{status}-{x}-{y}", (field) => row.get(field))).toEqual({ missing: "x" });
  });
});
