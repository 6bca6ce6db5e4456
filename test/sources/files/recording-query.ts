// A CompiledQuery that returns one row per event pushed, so file-source tests see exactly what
// the source sent to the engine (the engine itself is tested elsewhere).
import type { CompiledQuery, LogEvent, Prefilter } from "../../../src/insights/types.js";

export function recordingQuery(prefilter: Prefilter | null = null): CompiledQuery & { events: LogEvent[] } {
  const events: LogEvent[] = [];
  return {
    events,
    text: "recording",
    prefilter,
    binPeriods: [],
    outputFields: ["message"],
    start: (options) => {
      const finish = () => ({
        rows: events.slice(0, options?.limit ?? Infinity).map((event) => [{ field: "message", value: event.message }]),
        recordsScanned: events.length,
        recordsMatched: events.length,
      });
      return { push: (event) => void events.push(event), finish, finishTable: finish };
    },
  };
}
