// The end of the file source's line path: a line that passed the prefilter, the timestamp and the
// time range becomes an event of the running query.
import { isUtf8 } from "node:buffer";
import type { Execution } from "../../insights/types.js";
import type { LineSink } from "./file-scanner.js";

export function eventSink(execution: Execution, logStream: string, stats: { invalidUtf8: number }): LineSink {
  return (chunk, start, end, timestamp) => {
    // Decoded with U+FFFD replacements; only a line that then holds U+FFFD can be invalid UTF-8.
    const message = chunk.toString("utf8", start, end);
    if (message.includes("\ufffd") && !isUtf8(chunk.subarray(start, end))) stats.invalidUtf8++;
    execution.push({ timestamp, message, logStream });
  };
}
