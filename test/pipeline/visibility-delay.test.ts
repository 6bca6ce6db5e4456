// How long read-back waits before a datum it cannot find counts as never sent (and is sent again):
// as long as CloudWatch may take to show a point of that age (PutMetricData reference: 3-24 hours
// old, up to 2 hours; 24 hours or older, up to 48 hours), else 15 minutes.
import { describe, expect, it } from "vitest";
import { RECENT_VISIBILITY_MS, visibilityDelay } from "../../src/pipeline/settle-uncertain.js";

const HOUR = 3_600_000;
const T = Date.parse("2026-11-29T12:00:00Z");
const datum = { name: "sent", timestamp: T, value: 1, unit: "Count" as const, dimensions: {} };

describe(visibilityDelay.name, () => {
  it.each([
    ["sent at once", 0, RECENT_VISIBILITY_MS],
    ["sent just under 3 hours later", 3 * HOUR - 1, 15 * 60_000],
    ["sent 3 hours later", 3 * HOUR, 2 * HOUR],
    ["sent just under a day later", 24 * HOUR - 1, 2 * HOUR],
    ["sent a day later", 24 * HOUR, 48 * HOUR],
  ])("a point %s (%i ms after its timestamp): waits %i ms", (_, after, delay) => {
    expect(visibilityDelay(datum, T + after)).toBe(delay);
  });
});
