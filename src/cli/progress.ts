// Backfill progress on stderr: a bar redrawn in place on a terminal, else one log line per change
// (cli/log.ts: timed, or JSON), which --quiet drops.
import { formatBytes } from "../pipeline/cost.js";
import type { BackfillProgress } from "../pipeline/backfill-series.js";
import type { Clock } from "../util/clock.js";
import type { Log } from "./log.js";

export interface ProgressView {
  update(progress: BackfillProgress): void;
  done(): void;
}

export function progressView(clock: Clock, log: Log, stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const started = clock.now();
  const tty = stream.isTTY === true;
  let drawn = false;
  let lastLine = "";
  return {
    update(progress) {
      const text = describe(progress, clock.now() - started);
      if (tty) {
        stream.write(`\r${bar(progress)} ${text}\x1b[K`);
        drawn = true;
      } else if (text !== lastLine) {
        const { name, ...fields } = progress;
        log.write({ level: "progress", message: `backfill ${text}`, query: name, fields });
        lastLine = text;
      }
    },
    /** Ends the bar's line; safe to call more than once. */
    done() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}

function describe(p: BackfillProgress, elapsed: number): string {
  const left =
    p.windowsDone === 0 || p.windowsDone >= p.windowsTotal
      ? ""
      : `, ~${duration((elapsed / p.windowsDone) * (p.windowsTotal - p.windowsDone))} left`;
  return (
    `${p.name}: ${p.windowsDone}/${p.windowsTotal} windows, ${p.datums} datums published, ${formatBytes(p.bytesScanned)} ` +
    `scanned${left}`
  );
}

function bar(p: BackfillProgress, width = 24): string {
  const filled = p.windowsTotal === 0 ? width : Math.round((p.windowsDone / p.windowsTotal) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}
