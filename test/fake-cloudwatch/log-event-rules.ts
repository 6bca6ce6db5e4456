// PutLogEvents batch rules, from the PutLogEvents API reference (client-cloudwatch-logs@3.1169.0 docs):
// ≤ 10,000 events; ≤ 1,048,576 bytes counted as UTF-8 message bytes + 26 per event; chronological
// order; a batch may not span more than 24 hours; events older than 14 days or more than 2 hours
// ahead are rejected one by one (rejectedLogEventsInfo) rather than failing the call.
// The exception names and wording below are UNCONFIRMED against the live service; the limits are not.
import { ServiceError } from "./service-error.js";

export const MAX_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
const HOUR = 3_600_000;
const MAX_SPAN_MS = 24 * HOUR;
const MAX_AGE_MS = 14 * 24 * HOUR;
const MAX_AHEAD_MS = 2 * HOUR;

export interface InputLogEvent {
  readonly timestamp: number;
  readonly message: string;
}

export interface RejectedLogEventsInfo {
  /** Exclusive end of the too-old prefix. */
  readonly tooOldLogEventEndIndex?: number;
  /** Inclusive start of the too-new suffix. */
  readonly tooNewLogEventStartIndex?: number;
}

/** Throws for a batch the service refuses whole; else says which events it accepts. */
export function checkBatch(
  events: readonly InputLogEvent[],
  now: number,
): { accepted: InputLogEvent[]; rejected: RejectedLogEventsInfo | undefined } {
  if (events.length === 0 || events.length > MAX_EVENTS) {
    throw new ServiceError("InvalidParameterException", `logEvents must hold 1 to ${MAX_EVENTS} events (got ${events.length})`);
  }
  const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message, "utf8") + EVENT_OVERHEAD_BYTES, 0);
  if (bytes > MAX_BATCH_BYTES) {
    throw new ServiceError("InvalidParameterException", `Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  }
  events.forEach((event, i) => {
    const previous = events[i - 1];
    if (previous !== undefined && event.timestamp < previous.timestamp) {
      throw new ServiceError("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order.");
    }
  });
  const first = events[0]?.timestamp ?? 0;
  const last = events[events.length - 1]?.timestamp ?? 0;
  if (last - first > MAX_SPAN_MS) {
    throw new ServiceError(
      "InvalidParameterException",
      "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
    );
  }
  return splitByAge(events, now);
}

function splitByAge(events: readonly InputLogEvent[], now: number) {
  // Chronological order makes the too-old events a prefix and the too-new ones a suffix.
  const tooOldEnd = events.filter((e) => e.timestamp < now - MAX_AGE_MS).length;
  const tooNewCount = events.filter((e) => e.timestamp > now + MAX_AHEAD_MS).length;
  const tooNewStart = events.length - tooNewCount;
  const rejected: RejectedLogEventsInfo = {
    ...(tooOldEnd > 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(tooNewCount > 0 ? { tooNewLogEventStartIndex: tooNewStart } : {}),
  };
  return {
    accepted: events.slice(tooOldEnd, Math.max(tooOldEnd, tooNewStart)),
    rejected: Object.keys(rejected).length === 0 ? undefined : rejected,
  };
}
