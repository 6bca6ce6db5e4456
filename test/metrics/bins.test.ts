import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { binStarts } from "../../src/metrics/zero-fill.js";

const FIVE_MINUTES = 300_000;
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 10, 28, hh, mm, ss);

describe(binStarts.name, () => {
  it("lists the epoch-aligned bins that overlap [start, end)", () => {
    expect(binStarts(at(10, 2), at(10, 11), FIVE_MINUTES)).toEqual([at(10, 0), at(10, 5), at(10, 10)]);
  });

  it("does not include a bin starting at the exclusive end", () => {
    expect(binStarts(at(10, 0), at(10, 10), FIVE_MINUTES)).toEqual([at(10, 0), at(10, 5)]);
  });

  it("is empty for an empty range", () => {
    expect(binStarts(at(10, 0), at(10, 0), FIVE_MINUTES)).toEqual([]);
  });

  it("refuses absurdly many bins", () => {
    expect(() => binStarts(0, at(10, 0), 1000)).toThrow(UsageError);
  });
});
