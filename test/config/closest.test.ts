import { describe, expect, it } from "vitest";
import { closest, didYouMean, editDistance } from "../../src/config/closest.js";

describe(editDistance.name, () => {
  it.each([
    ["timezone", "timezone", 0],
    ["tmezone", "timezone", 1],
    ["timezon", "timezone", 1],
    ["tiemzone", "timezone", 2],
    ["", "abc", 3],
  ])("%s → %s is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe(closest.name, () => {
  const keys = ["type", "paths", "timezone", "year"];
  it("suggests the key a typo was meant to be", () => {
    expect(closest("tmezone", keys)).toBe("timezone");
    expect(closest("path", keys)).toBe("paths");
    expect(closest("Year", keys)).toBe("year");
  });
  it("suggests nothing for a word that resembles no key", () => {
    expect(closest("logGroups", keys)).toBeUndefined();
    expect(closest("x", [])).toBeUndefined();
  });
});

describe(didYouMean.name, () => {
  it("phrases the hint, or says nothing", () => {
    expect(didYouMean("tmezone", ["timezone"])).toBe("; did you mean timezone?");
    expect(didYouMean("zzzz", ["timezone"])).toBe("");
  });
});
