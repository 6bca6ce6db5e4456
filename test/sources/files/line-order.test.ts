// A whole-file read counts the same whatever the order of its lines: the stats keep every group
// until the end of the read (insights/runtime/grouper.ts) and nothing is handed on early, so a line
// far out of order (a clock set back, logs concatenated in any order) still lands in its bin.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { toDatums } from "../../../src/metrics/to-datums.js";
import { zeroFillBins } from "../../../src/metrics/zero-fill.js";
import { runQueryOverFiles } from "../../../src/sources/files/run-query-over-files.js";
import { MAILLOG_LINES, MAILLOG_OPTIONS } from "../../bad-input/maillog-expected.js";
import { tempTree } from "../../config/temp-tree.js";
import { shippedDefinition, SHIPPED, type ShippedName } from "../../queries/shipped-query.js";
import { prng } from "../../support/prng.js";

/** The log's lines as 12 copies, each 5 minutes after the one before (syslog stamps, all on 29 November). */
const COPIES = 12;
const copies: readonly string[] = Array.from({ length: COPIES }, (_, copy) =>
  MAILLOG_LINES.map((line) => {
    const text = line.toString("utf8");
    const [hour, minute, second] = text.slice(7, 15).split(":").map(Number) as [number, number, number];
    const time = new Date(Date.UTC(2026, 10, 29, hour, minute, second) + copy * 300_000);
    return `${text.slice(0, 7)}${time.toISOString().slice(11, 19)}${text.slice(15)}`;
  }),
).flat();

function shuffled(lines: readonly string[], seed: number): string[] {
  const next = prng(seed);
  const out = [...lines];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What `mail-metrics query` prints, as datums: the rows over the files, mapped and zero-filled over the span read. */
async function datumsOf(name: ShippedName, files: Record<string, readonly string[]>) {
  const dir = tempTree(Object.fromEntries(Object.entries(files).map(([file, lines]) => [file, `${lines.join("\n")}\n`])));
  const definition = shippedDefinition(name);
  const compiled = compileQuery(definition.query);
  const { rows, stats } = await runQueryOverFiles(compiled, [join(dir, "*")], { ...MAILLOG_OPTIONS, limit: 1_000_000 });
  const range = { from: stats.firstEventTime!, to: stats.lastEventTime! + 1 };
  const bins = zeroFillBins(definition.metric.zeroFill, compiled.binPeriods[0], range);
  return toDatums(rows, definition.metric, { file: name, zeroFillBins: bins });
}

describe("a whole-file read and the order of its lines", () => {
  it.each(SHIPPED)("%s: shuffled, reversed or split across files in any order, the same datums", async (name) => {
    const inOrder = await datumsOf(name, { "mail.log": copies });
    expect(inOrder.datums.length).toBeGreaterThan(COPIES * 4);
    const half = copies.length / 2;
    const variants: Record<string, readonly string[]>[] = [
      { "mail.log": shuffled(copies, 1) },
      { "mail.log": [...copies].reverse() },
      // The later half in the file read first.
      { "a.log": copies.slice(half), "b.log": copies.slice(0, half) },
      // One line from the first copy at the very end.
      { "mail.log": [...copies.slice(1), copies[0]!] },
    ];
    for (const files of variants) expect(await datumsOf(name, files)).toEqual(inOrder);
  });
});
