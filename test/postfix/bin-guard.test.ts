import { describe, expect, it } from "vitest";
import { BIN_MS, binStart, DEFAULT_GUARD, guardRelease, timeoutNudge } from "./bin-guard.js";

const B = Date.UTC(2026, 10, 29, 0, 25, 0); // a 5-minute boundary

describe(guardRelease.name, () => {
  it.each([
    ["well inside a bin", B - 60_000, B - 60_000],
    ["just before the quiet window", B - 2_001, B - 2_001],
    ["first moment of the window", B - 2_000, B + 1_000],
    ["just before the boundary", B - 1, B + 1_000],
    ["on the boundary", B, B + 1_000],
    ["inside the second after", B + 999, B + 1_000],
    ["first moment after the window", B + 1_000, B + 1_000],
  ])("%s", (_, t, release) => {
    expect(guardRelease(t, DEFAULT_GUARD)).toBe(release);
  });

  it("releases every held time into the bin that starts at the boundary", () => {
    for (let t = B - 2_000; t < B + 1_000; t += 137) {
      expect(binStart(guardRelease(t))).toBe(B);
    }
  });
});

describe(binStart.name, () => {
  it("aligns to 5-minute UTC boundaries", () => {
    expect(binStart(B + BIN_MS - 1)).toBe(B);
    expect(binStart(B + BIN_MS)).toBe(B + BIN_MS);
  });
});

describe(timeoutNudge.name, () => {
  const T = 5_000;

  it("needs no nudge when the timeout fires well away from a boundary", () => {
    expect(timeoutNudge(B - 60_000, T, DEFAULT_GUARD)).toBeNull();
  });

  it("moves a timeout that would fire inside the window to just after it (plus margin)", () => {
    const nudgeAt = timeoutNudge(B - 6_000, T, DEFAULT_GUARD, 500);
    expect(nudgeAt).toBe(B + 1_500 - T);
    expect((nudgeAt as number) + T).toBe(B + 1_500);
  });

  it("also nudges when only the margin is hit", () => {
    expect(timeoutNudge(B - 2_300 - T, T, DEFAULT_GUARD, 500)).not.toBeNull();
    expect(timeoutNudge(B - 2_600 - T, T, DEFAULT_GUARD, 500)).toBeNull();
  });
});
