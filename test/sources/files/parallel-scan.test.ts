// The worker path runs the BUILT scan worker (dist/), as the CLI does: a worker cannot load the
// TypeScript sources. Every result must equal reading the same input in this thread.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { worthAWorker as WorthAWorker } from "../../../src/sources/files/parallel-scan.js";
import type {
  runQueryOverFiles as RunQueryOverFiles,
  runQueriesOverFiles as RunQueriesOverFiles,
} from "../../../src/sources/files/run-query-over-files.js";
import { buildOnce, ROOT } from "../../cli/built-cli.js";
import { tempTree } from "../../config/temp-tree.js";
import { recordingQuery } from "./recording-query.js";

let run: typeof RunQueryOverFiles;
let runPass: typeof RunQueriesOverFiles;
let worthAWorker: typeof WorthAWorker;
beforeAll(async () => {
  await buildOnce();
  ({ runQueryOverFiles: run, runQueriesOverFiles: runPass } = (await import(join(ROOT, "dist/sources/files/run-query-over-files.js"))) as {
    runQueryOverFiles: typeof RunQueryOverFiles;
    runQueriesOverFiles: typeof RunQueriesOverFiles;
  });
  ({ worthAWorker } = (await import(join(ROOT, "dist/sources/files/parallel-scan.js"))) as { worthAWorker: typeof WorthAWorker });
}, 120_000);

/** A log with every kind of line the scanner treats apart, `copies` times over (several worker batches when large). */
function log(copies: number, overLong = true): Buffer {
  const lines: Buffer[] = [];
  for (let i = 0; i < copies; i++) {
    const time = `Nov 29 ${String(Math.floor(i / 3600) % 24).padStart(2, "0")}:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`;
    lines.push(
      Buffer.from(`${time} mx postfix/smtp[1]: host x said: 550 5.7.1 no (copy ${i})\n`),
      Buffer.from(`${time} mx postfix/smtpd[2]: connect from y\r\n`),
      Buffer.from(`no timestamp but said: 451\n`),
      Buffer.concat([Buffer.from(`${time} mx said: bad `), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from("\n")]),
      Buffer.from(`${time} mx said: ${"x".repeat(overLong ? 300 : 100)}\n`),
    );
  }
  return Buffer.concat(lines);
}

async function both(path: string, options: { from?: number; to?: number } = {}) {
  const settings = { timezone: "UTC", year: 2026, maxLineBytes: 200, ...options };
  const prefilter = { literals: ["said: "], ignoreCase: false };
  const here = recordingQuery(prefilter);
  const there = recordingQuery(prefilter);
  const inThread = await run(here, [path], { ...settings, parallelMinBytes: Infinity });
  const inWorker = await run(there, [path], { ...settings, parallelMinBytes: 0 });
  return { here, there, inThread, inWorker };
}

describe("runQueryOverFiles in a worker", () => {
  // Without the built worker, parallelMinBytes: 0 quietly reads in this thread too, and every
  // comparison below would hold without a worker ever running.
  it("finds the built worker", () => {
    expect(worthAWorker({ path: join(ROOT, "mail.log"), display: "mail.log", logStream: "mail.log", modifiedAt: 0, size: 0 }, 0)).toBe(
      true,
    );
  });

  it("reads the same events and counts as in this thread, over many batches", async () => {
    const dir = tempTree({});
    writeFileSync(join(dir, "mail.log"), log(20_000));
    const { here, there, inThread, inWorker } = await both(join(dir, "mail.log"), {
      from: Date.UTC(2026, 10, 29, 0, 1),
      to: Date.UTC(2026, 10, 29, 5),
    });
    expect(there.events).toEqual(here.events);
    expect(inWorker.stats).toEqual(inThread.stats);
    // Copies 60 s to 5 h in are inside the range: their bad lines are reported, the others' are not.
    expect(inThread.stats.skipped).toMatchObject({ tooLong: 17_940, invalidUtf8: 17_940 });
    expect(inThread.stats.skipped.outOfRange).toBeGreaterThan(0);
    expect(here.events.length).toBeGreaterThan(16_384);
  }, 60_000);

  it("reads batches of ASCII alone and batches with other bytes as in this thread", async () => {
    // Batches of up to 16,384 lines: the first ASCII alone, the second with UTF-8 of two and three
    // bytes and a replacement character written as such (valid), the third with bytes that are not UTF-8.
    const ascii = (i: number) => Buffer.from(`Nov 29 00:00:${String(i % 60).padStart(2, "0")} mx said: 250 ok (copy ${i})\n`);
    const others = [
      Buffer.from("Nov 29 00:01:00 mx said: 550 relai refus\u00e9 \u20ac \ufffd\n"),
      Buffer.concat([Buffer.from("Nov 29 00:01:00 mx said: 550 bad "), Buffer.from([0xc3, 0x28, 0xe2, 0x82]), Buffer.from("\n")]),
    ];
    const lines = Array.from({ length: 40_000 }, (_, i) =>
      i >= 20_000 && i < 20_005 ? others[0]! : i >= 35_000 && i < 35_005 ? others[1]! : ascii(i),
    );
    const dir = tempTree({});
    writeFileSync(join(dir, "mail.log"), Buffer.concat(lines));
    const { here, there, inThread, inWorker } = await both(join(dir, "mail.log"));
    expect(there.events).toEqual(here.events);
    expect(inWorker.stats).toEqual(inThread.stats);
    expect(inThread.stats.skipped.invalidUtf8).toBe(5);
    expect(here.events.filter((event) => event.message.includes("refus\u00e9 \u20ac \ufffd"))).toHaveLength(5);
    expect(here.events).toHaveLength(40_000);
  }, 60_000);

  it("inflates gzip in the worker, and reports a truncated one the same way", async () => {
    const whole = gzipSync(log(3000));
    const dir = tempTree({ "mail.log.1.gz": whole, "mail.log.2.gz": whole.subarray(0, Math.floor(whole.length / 2)) });
    for (const name of ["mail.log.1.gz", "mail.log.2.gz"]) {
      const { here, there, inThread, inWorker } = await both(join(dir, name));
      expect(there.events).toEqual(here.events);
      expect(inWorker.stats).toEqual(inThread.stats);
    }
  }, 60_000);
});

describe("one pass for several queries", () => {
  const prefilters = [
    { literals: ["said: "], ignoreCase: false },
    { literals: ["connect from", "said: 550"], ignoreCase: false },
    { literals: ["SAID: 451"], ignoreCase: true },
    null,
  ];
  const settings = { timezone: "UTC", year: 2026, maxLineBytes: 200, from: Date.UTC(2026, 10, 29, 0, 1), to: Date.UTC(2026, 10, 29, 2) };

  it.each([
    ["two chunk-wide searches", [0, 1]],
    ["one that needs line by line", [0, 1, 2]],
    ["one without literals", [1, 3]],
  ])(
    "gives each query what a pass of its own gives, in this thread and in the worker (%s)",
    async (_, which) => {
      const dir = tempTree({});
      // No line over the cap, so that whole chunks are searched at once (an over-long line makes its chunk go line by line).
      writeFileSync(join(dir, "mail.log"), log(6000, false));
      const path = join(dir, "mail.log");
      for (const parallelMinBytes of [Infinity, 0]) {
        const alone = [];
        for (const i of which) {
          const query = recordingQuery(prefilters[i]!);
          alone.push({ events: query.events, result: await run(query, [path], { ...settings, parallelMinBytes }) });
        }
        const together = which.map((i) => recordingQuery(prefilters[i]!));
        const results = await runPass(
          together.map((compiled) => ({ compiled })),
          [path],
          { ...settings, parallelMinBytes },
        );
        for (const [k, query] of together.entries()) {
          expect(query.events).toEqual(alone[k]!.events);
          expect(results[k]!.stats).toEqual(alone[k]!.result.stats);
        }
        // The queries read different lines, so a mix-up would show.
        expect(new Set(together.map((query) => JSON.stringify(query.events))).size).toBe(together.length);
      }
    },
    60_000,
  );
});
