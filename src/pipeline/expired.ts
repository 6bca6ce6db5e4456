// CloudWatch refuses data points more than two weeks old, for good (PutMetricData reference:
// "up to two weeks in the past"). A plan resumed, or a batch of unknown fate settled, after that can
// never publish them: sending them anyway fails the run on every retry and blocks every later window
// of the series. They are dropped, and their windows recorded as lost, so the run can say so once and go on.
import type { Datum } from "../metrics/datum.js";
import type { Sink } from "../sinks/sink.js";

export function withoutExpired(datums: readonly Datum[], sink: Sink, now: number): { fresh: readonly Datum[]; expired: readonly Datum[] } {
  if (sink.maxAge === undefined) return { fresh: datums, expired: [] };
  const oldest = now - sink.maxAge;
  return { fresh: datums.filter((datum) => datum.timestamp >= oldest), expired: datums.filter((datum) => datum.timestamp < oldest) };
}
