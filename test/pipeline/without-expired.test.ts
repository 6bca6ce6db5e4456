// Points older than the destination accepts (CloudWatch: two weeks) are dropped, never sent: sending
// them would fail on every run. A point exactly as old as accepted is still sent.
import { describe, expect, it } from "vitest";
import type { Datum } from "../../src/metrics/datum.js";
import { withoutExpired } from "../../src/pipeline/publish-plan.js";
import type { Sink } from "../../src/sinks/sink.js";

const NOW = Date.parse("2026-11-29T12:00:00Z");
const MAX_AGE = 14 * 86_400_000;
const at = (timestamp: number): Datum => ({ name: "m", timestamp, value: 1, unit: "Count", dimensions: {} });
const sink = (maxAge?: number) => ({ ...(maxAge === undefined ? {} : { maxAge }) }) as unknown as Sink;

describe(withoutExpired.name, () => {
  it("keeps a point exactly as old as the sink accepts and drops one a millisecond older", () => {
    const [oldest, older, young] = [at(NOW - MAX_AGE), at(NOW - MAX_AGE - 1), at(NOW - 1)];
    expect(withoutExpired([older, oldest, young], sink(MAX_AGE), NOW)).toEqual({ fresh: [oldest, young], expired: [older] });
  });

  it("keeps every point for a sink that accepts any age", () => {
    const points = [at(0), at(NOW)];
    expect(withoutExpired(points, sink(), NOW)).toEqual({ fresh: points, expired: [] });
  });
});
