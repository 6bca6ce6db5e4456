// CloudWatch refuses data points more than two weeks old, for good (PutMetricData reference:
// "up to two weeks in the past"). A plan resumed, or a batch of unknown fate settled, after that can
// never publish them: sending them anyway fails the run on every retry and blocks every later window
// of the series. They are dropped and counted, so the run can say so and go on.
import type { Datum } from "../metrics/datum.js";
import type { Sink } from "../sinks/sink.js";

export function withoutExpired(datums: readonly Datum[], sink: Sink, now: number): { fresh: readonly Datum[]; expired: number } {
  if (sink.maxAge === undefined) return { fresh: datums, expired: 0 };
  const oldest = now - sink.maxAge;
  const fresh = datums.filter((datum) => datum.timestamp >= oldest);
  return { fresh, expired: datums.length - fresh.length };
}
