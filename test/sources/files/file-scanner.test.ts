import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { runQueryOverFiles } from "../../../src/sources/files/run-query-over-files.js";
import { eventFeed } from "../../../src/sources/files/event-feed.js";
import { emptyFileReadStats } from "../../../src/sources/files/read-stats.js";
import { FileScanner, type EventTimes } from "../../../src/sources/files/file-scanner.js";
import { linePrefilter } from "../../../src/sources/files/line-prefilter.js";
import { LineSplitter } from "../../../src/sources/files/line-splitter.js";
import { candidateLines } from "../../../src/sources/files/needle-search.js";
import { createTimestampParser } from "../../../src/sources/files/timestamps.js";
import type { LogEvent, Prefilter } from "../../../src/insights/types.js";
import { tempDir } from "../../support/temp-dir.js";

const PREFILTER: Prefilter = { literals: ["said: ", "status=sent ("], ignoreCase: false };

/** Reads `input` in the given chunk sizes, with or without the chunk-wide search. */
function scan(input: Buffer, chunkSizes: readonly number[], chunkWide: boolean, maxLineBytes = 80) {
  const events: LogEvent[] = [];
  const stats = emptyFileReadStats("mail.log");
  const times: EventTimes = { first: undefined, last: undefined };
  const execution = {
    push: (event: LogEvent) => void events.push(event),
    finish: () => ({ rows: [], recordsScanned: 0, recordsMatched: 0 }),
    finishTable: () => ({ rows: [], recordsScanned: 0, recordsMatched: 0 }),
  };
  const parse = createTimestampParser({ zone: "UTC", year: { fixed: 2026 } });
  const search = chunkWide ? candidateLines(PREFILTER) : undefined;
  const scanner = new FileScanner(stats, linePrefilter(PREFILTER), parse, {}, times, eventFeed(execution, "mail.log", stats), search);
  const splitter = new LineSplitter(scanner, maxLineBytes);
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = chunkSizes[i % chunkSizes.length]!;
    splitter.push(input.subarray(at, at + size));
    at += size;
  }
  splitter.end();
  scanner.finish();
  return { events, stats, times };
}

function randomLog(seed: number): Buffer {
  const parts = ["said: 550 5.7.1 no", "status=sent (250 ok)", "connect from x", "", "héllo \u00ff said: 451", "x".repeat(90), "said: 2\r"];
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const lines = Array.from({ length: 300 }, (_, i) => {
    const part = parts[next() % parts.length]!;
    return next() % 9 === 0 ? part : `Nov 29 00:${String(i % 60).padStart(2, "0")}:00 mx postfix/smtp[1]: ${part}`;
  });
  const bytes = Buffer.from(lines.join("\n"), "utf8");
  return next() % 2 === 0 ? Buffer.concat([bytes, Buffer.from("\n")]) : Buffer.concat([bytes, Buffer.from([0xc3, 0x28, 0x0a])]);
}

describe(FileScanner.name, () => {
  it.each([1, 2, 3, 4, 5])("reads the same events, counts and time span with the chunk-wide search (log %i)", (seed) => {
    const input = randomLog(seed);
    const reference = scan(input, [input.length], false);
    for (const sizes of [[input.length], [1], [7, 300], [64 * 1024], [100, 1, 4000]]) {
      expect(scan(input, sizes, true)).toEqual(reference);
    }
    expect(reference.events.length).toBeGreaterThan(0);
    expect(reference.stats.tooLong).toBeGreaterThan(0);
  });

  it("notes the time of the first and last lines even when the prefilter skips them", () => {
    const input = Buffer.from("Nov 29 00:01:00 mx a\nNov 29 00:02:00 mx said: 550 x\nNov 29 00:03:00 mx b\n");
    const { times, stats } = scan(input, [input.length], true);
    expect([times.first, times.last]).toEqual([Date.UTC(2026, 10, 29, 0, 1), Date.UTC(2026, 10, 29, 0, 3)]);
    expect(stats).toMatchObject({ lines: 3, prefiltered: 2 });
  });
});

describe("skipped lines outside the range", () => {
  it("are reported only by the run whose range holds their neighbours", async () => {
    const path = join(tempDir("mm-skips-"), "mail.log");
    writeFileSync(
      path,
      "Nov 29 00:10:00 mx said: 550 5.7.1 a\nno timestamp, said: 451\nNov 29 00:10:01 mx said: 550 5.7.1 b\nNov 29 02:00:00 mx said: 550 5.7.1 c\n",
    );
    const query = compileQuery('filter @message like "said: " | stats count(*) as n');
    const settings = { timezone: "UTC", year: 2026 };
    const early = await runQueryOverFiles(query, [path], {
      ...settings,
      from: Date.UTC(2026, 10, 29, 0, 10),
      to: Date.UTC(2026, 10, 29, 0, 15),
    });
    const late = await runQueryOverFiles(query, [path], {
      ...settings,
      from: Date.UTC(2026, 10, 29, 2, 0),
      to: Date.UTC(2026, 10, 29, 2, 5),
    });
    expect(early.stats.skipped.noTimestamp).toBe(1);
    expect(late.stats.skipped.noTimestamp).toBe(0);
  });
});
