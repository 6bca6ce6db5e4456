// The bins a zero-filled range covers: starts aligned to the epoch like Logs Insights' bin().
import { UsageError } from "../errors.js";

const MAX_BINS = 300_000; // almost 3 years of 5-minute bins

/** Starts of the `period`-long bins that overlap [start, end). */
export function binStarts(start: number, end: number, period: number): number[] {
  const first = Math.floor(start / period) * period;
  const count = Math.max(0, Math.ceil((end - first) / period));
  if (count > MAX_BINS) {
    throw new UsageError(
      `the time range holds ${count} bins of ${period / 1000}s; zero-filling more than ${MAX_BINS} is refused, narrow it with --from/--to`,
    );
  }
  return Array.from({ length: count }, (_, index) => first + index * period);
}
