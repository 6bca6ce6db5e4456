// The end of the file source's line path: a line that passed a query's prefilter, the timestamp and
// the time range becomes an event of that query's running execution.
import { isUtf8 } from "node:buffer";
import type { Execution, LogEvent } from "../../insights/types.js";
import type { LineReceiver } from "./file-scanner.js";

/** Where one query's events go, and where its invalid UTF-8 is counted. */
export interface EventTarget {
  readonly execution: Execution;
  readonly stats: { invalidUtf8: number };
}

/** The line decoded with U+FFFD replacements, and whether it was invalid UTF-8 (only a line then holding U+FFFD can be). */
export function decodeLine(chunk: Buffer, start: number, end: number): { message: string; invalid: boolean } {
  const message = chunk.toString("utf8", start, end);
  return { message, invalid: message.includes("\ufffd") && !isUtf8(chunk.subarray(start, end)) };
}

/** Delivers one decoded event to a query. */
export function deliverEvent(target: EventTarget, event: LogEvent, invalid: boolean): void {
  if (invalid) target.stats.invalidUtf8++;
  target.execution.push(event);
}

export function eventFeed(execution: Execution, logStream: string, stats: { invalidUtf8: number }): LineReceiver {
  const target = { execution, stats };
  return (chunk, start, end, timestamp) => {
    const { message, invalid } = decodeLine(chunk, start, end);
    deliverEvent(target, { timestamp, message, logStream }, invalid);
  };
}
