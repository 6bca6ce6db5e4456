import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import type { Datum } from "../../src/metrics/datum.js";
import { binStarts, zeroFill, zeroFillBins, type ZeroSeries } from "../../src/metrics/zero-fill.js";

const FIVE_MINUTES = 300_000;
const TEN_YEARS = 10 * 365 * 24 * 3600 * 1000;
const zero = (series: ZeroSeries, timestamp: number): Datum => ({
  name: series.name,
  timestamp,
  value: 0,
  unit: "Count",
  dimensions: series.dimensions,
});

describe(binStarts.name, () => {
  it("zero-fills up to 300,000 bins and refuses one more, naming the count, the period and the fix", () => {
    expect(binStarts(0, 300_000 * FIVE_MINUTES, FIVE_MINUTES)).toHaveLength(300_000);
    expect(() => binStarts(0, 300_001 * FIVE_MINUTES, FIVE_MINUTES)).toThrow(
      new UsageError("the time range holds 300001 bins of 300s; zero-filling more than 300000 is refused, narrow it with --from/--to"),
    );
  });
});

describe(zeroFillBins.name, () => {
  const range = { from: 0, to: 2 * FIVE_MINUTES };

  it("gives the bins of the range at the bin() period when there are zeroFill names", () => {
    expect(zeroFillBins(["x"], FIVE_MINUTES, range)).toEqual([0, FIVE_MINUTES]);
  });

  it("does not refuse a long range when the query has no zeroFill names", () => {
    expect(zeroFillBins([], 1000, { from: 0, to: TEN_YEARS })).toEqual([]);
  });

  it("gives no bins for an open-ended read without a range", () => {
    expect(zeroFillBins(["x"], FIVE_MINUTES, undefined)).toEqual([]);
  });

  it("gives no bins for a query without bin()", () => {
    expect(zeroFillBins(["x"], undefined, range)).toEqual([]);
  });
});

describe(zeroFill.name, () => {
  it("adds no zero beside a datum whose dimensions are listed in another order", () => {
    const series: ZeroSeries[] = [{ name: "sent", dimensions: { Relay: "mx-1", Env: "prod" } }];
    const datum: Datum = { name: "sent", timestamp: 0, value: 4, unit: "Count", dimensions: { Env: "prod", Relay: "mx-1" } };
    expect(zeroFill([datum], series, [0, FIVE_MINUTES], zero)).toEqual([zero(series[0]!, FIVE_MINUTES)]);
    const reversed: ZeroSeries[] = [{ name: "sent", dimensions: { Env: "prod", Relay: "mx-1" } }];
    const other: Datum = { ...datum, dimensions: { Relay: "mx-1", Env: "prod" } };
    expect(zeroFill([other], reversed, [0, FIVE_MINUTES], zero)).toEqual([zero(reversed[0]!, FIVE_MINUTES)]);
  });

  it("still adds a zero where only another series' datum is", () => {
    const series: ZeroSeries[] = [{ name: "sent", dimensions: { Env: "prod", Relay: "mx-1" } }];
    const datum: Datum = { name: "sent", timestamp: 0, value: 4, unit: "Count", dimensions: { Env: "prod", Relay: "mx-2" } };
    expect(zeroFill([datum], series, [0], zero)).toEqual([zero(series[0]!, 0)]);
  });
});
