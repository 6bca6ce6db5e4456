// Which events a StartQuery range [startTime, endTime] (epoch seconds) covers. The StartQuery
// reference says only "The range is inclusive"; how that applies to sub-second events is read three
// ways, and the stand-in can be run under each (FIDELITY.md, "StartQuery time range").
import type { StoredLogEvent } from "./records.js";

export type RangeReading =
  /**
   * What AWS stated (aws/aws-sdk#280, 2022: "EndTime is inclusive but not at second level. Internally
   * they convert to milliseconds straight"): [startTime*1000, endTime*1000] in ms, so endTime = E
   * misses E*1000+1 … E*1000+999. The default.
   */
  | "stated"
  /** Both ends inclusive at whole seconds: [startTime*1000, endTime*1000+999] (the fix AWS said it had a ticket for). */
  | "whole-second"
  /** Rounded outward by a second at each end: [(startTime−1)*1000, (endTime+1)*1000+999]. */
  | "outward";

export const RANGE_READINGS: readonly RangeReading[] = ["stated", "whole-second", "outward"];

/** The covered span in epoch ms, both ends inclusive. */
export function coveredMillis(
  startTime: number,
  endTime: number,
  reading: RangeReading,
): { readonly first: number; readonly last: number } {
  switch (reading) {
    case "stated":
      return { first: startTime * 1000, last: endTime * 1000 };
    case "whole-second":
      return { first: startTime * 1000, last: endTime * 1000 + 999 };
    case "outward":
      return { first: (startTime - 1) * 1000, last: (endTime + 1) * 1000 + 999 };
  }
}

export function eventsInRange(
  streams: readonly (readonly StoredLogEvent[])[],
  startTime: number,
  endTime: number,
  reading: RangeReading,
): StoredLogEvent[] {
  const { first, last } = coveredMillis(startTime, endTime, reading);
  return streams
    .flat()
    .filter((event) => event.timestamp >= first && event.timestamp <= last)
    .sort((a, b) => a.timestamp - b.timestamp);
}
