// Backfill progress on stderr as a user sees it: on a terminal one bar redrawn in place and ended
// with a newline; elsewhere (cron, logs) one plain line per change. A fake clock gives the time left.
import { describe, expect, it } from "vitest";
import { createLog, type LogOptions } from "../../src/cli/log.js";
import { progressView } from "../../src/cli/progress.js";
import type { BackfillProgress } from "../../src/pipeline/backfill-series.js";
import type { Clock } from "../../src/util/clock.js";
import { terminalScreen } from "./terminal-screen.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, write: (text: string) => writes.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes, output: () => writes.join("") };
}

/** A log writing to `stream` (stderr) and to nothing else, on `clock`. */
function logTo(stream: NodeJS.WriteStream, clock: Clock, options: LogOptions = {}) {
  return createLog(options, clock.now, { stdout: { write: () => true }, stderr: stream });
}

function fakeClock() {
  let now = Date.parse("2026-11-29T12:00:00Z");
  const clock: Clock = { now: () => now, sleep: async () => {}, random: () => 0.5 };
  return { clock, advance: (seconds: number) => void (now += seconds * 1000) };
}

const progress = (windowsDone: number, datums: number, bytesScanned: number): BackfillProgress => ({
  name: "postfix-smtp-status",
  windowsTotal: 864,
  windowsDone,
  datums,
  bytesScanned,
});

describe(progressView.name, () => {
  it("on a terminal, redraws one bar in place with the counts and the time left, and ends its line once", () => {
    const { clock, advance } = fakeClock();
    const { stream, writes, output } = fakeStream(true);
    const view = progressView(clock, logTo(stream, clock), stream);
    view.update(progress(0, 0, 0));
    advance(40);
    view.update(progress(288, 1_250, 2_345_678));
    expect(terminalScreen(output())).toEqual([
      "[########................] postfix-smtp-status: 288/864 windows, 1250 datums published, 2.3 MB scanned, ~1m20s left",
    ]);
    advance(40);
    view.update(progress(864, 3_750, 7_037_034));
    view.done();
    view.done();
    expect(terminalScreen(output())).toEqual([
      "[########################] postfix-smtp-status: 864/864 windows, 3750 datums published, 7.0 MB scanned",
      "",
    ]);
    // Each redraw returns to the start of the line and clears what a longer earlier text left.
    expect(writes.slice(0, 3).every((text) => text.startsWith("\r") && text.endsWith("\x1b[K") && !text.includes("\n"))).toBe(true);
    expect(writes.slice(3)).toEqual(["\n"]);
  });

  it("on a terminal, leaves no empty line when nothing was drawn", () => {
    const { stream, writes } = fakeStream(true);
    const { clock } = fakeClock();
    progressView(clock, logTo(stream, clock), stream).done();
    expect(writes).toEqual([]);
  });

  it("elsewhere, writes one timed log line per change and nothing to end", () => {
    const { clock, advance } = fakeClock();
    const { stream, output } = fakeStream(false);
    const view = progressView(clock, logTo(stream, clock), stream);
    view.update(progress(0, 0, 0));
    view.update(progress(0, 0, 0));
    advance(5);
    view.update(progress(576, 2_500, 999));
    view.update(progress(864, 3_750, 1_500));
    view.done();
    expect(output()).toBe(
      "2026-11-29T12:00:00Z mail-metrics: backfill postfix-smtp-status: 0/864 windows, 0 datums published, 0 B scanned\n" +
        "2026-11-29T12:00:05Z mail-metrics: backfill postfix-smtp-status: 576/864 windows, 2500 datums published, 999 B scanned, ~3s left\n" +
        "2026-11-29T12:00:05Z mail-metrics: backfill postfix-smtp-status: 864/864 windows, 3750 datums published, 1.5 KB scanned\n",
    );
  });

  it("elsewhere with --log-format json, one object per change with the figures; --quiet drops them", () => {
    const { clock } = fakeClock();
    const json = fakeStream(false);
    progressView(clock, logTo(json.stream, clock, { logFormat: "json" }), json.stream).update(progress(288, 1_250, 2_345_678));
    expect(JSON.parse(json.output())).toEqual({
      time: "2026-11-29T12:00:00Z",
      level: "progress",
      query: "postfix-smtp-status",
      message: "backfill postfix-smtp-status: 288/864 windows, 1250 datums published, 2.3 MB scanned, ~0s left",
      windowsTotal: 864,
      windowsDone: 288,
      datums: 1_250,
      bytesScanned: 2_345_678,
    });
    const quiet = fakeStream(false);
    progressView(clock, logTo(quiet.stream, clock, { quiet: true }), quiet.stream).update(progress(288, 1_250, 2_345_678));
    expect(quiet.output()).toBe("");
  });
});
