// The layer rule (ARCHITECTURE.md, "Layers") holds for src/, and the check fails on an import that
// breaks it: upward, sideways between siblings, out of the engine, or from a folder the diagram lacks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { layerViolations, parseLayers, readSourceTree, type SourceFile } from "./layer-rules.js";

const ROOT = join(import.meta.dirname, "../..");
const layers = parseLayers(readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8"));
const src = readSourceTree(join(ROOT, "src"));

/** src/ with `line` added at the top of `path` (a new file when there is none). */
function withLine(path: string, line: string): SourceFile[] {
  const others = src.filter((file) => file.path !== path);
  const text = src.find((file) => file.path === path)?.text ?? "";
  return [...others, { path, text: `${line}\n${text}` }];
}

describe("layers", () => {
  it("reads the diagram: main on top, util and the errors at the bottom, the engine alone", () => {
    expect(layers.map((layer) => layer.modules.join(" "))).toEqual([
      "main",
      "cli",
      "pipeline monitoring",
      "config",
      "sources sinks state",
      "aws windows",
      "metrics",
      "insights",
      "util",
      "errors",
    ]);
    expect(layers.filter((layer) => layer.alone).map((layer) => layer.modules)).toEqual([["insights"]]);
  });

  it("src/ imports only downward", () => {
    expect(src.length).toBeGreaterThan(100);
    expect(layerViolations(src, layers)).toEqual([]);
  });

  it.each([
    [
      "metrics/datum.ts",
      'import { runCli } from "../cli/program.js";',
      "metrics/datum.ts imports cli/program.ts: metrics/ is below cli/, imports run only downward",
    ],
    [
      "sources/source.ts",
      'import type { Sink } from "../sinks/sink.js";',
      "sources/source.ts imports sinks/sink.ts: sources/ and sinks/ are siblings, neither imports the other",
    ],
    [
      "pipeline/jobs.ts",
      'const cli = await import("../cli/commands/run.js");',
      "pipeline/jobs.ts imports cli/commands/run.ts: pipeline/ is below cli/, imports run only downward",
    ],
    [
      "insights/compile.ts",
      'import { isoTime } from "../util/iso-time.js";',
      "insights/compile.ts imports util/iso-time.ts: insights/ imports nothing outside itself",
    ],
    [
      "insights/compile.ts",
      'import { readFileSync } from "node:fs";',
      "insights/compile.ts imports node:fs: insights/ imports nothing outside itself",
    ],
    [
      "util/clock.ts",
      'export type { Datum } from "../metrics/datum.js";',
      "util/clock.ts imports metrics/datum.ts: util/ is below metrics/, imports run only downward",
    ],
    [
      "errors.ts",
      'import { isoTime } from "./util/iso-time.js";',
      "errors.ts imports util/iso-time.ts: errors.ts is below util/, imports run only downward",
    ],
    [
      "reports/summary.ts",
      'import { isoTime } from "../util/iso-time.js";',
      "reports/summary.ts: reports/ is in no layer of the diagram; add it to ARCHITECTURE.md",
    ],
  ])("fails when %s gets %s", (path, line, problem) => {
    expect(layerViolations(withLine(path, line), layers)).toEqual([problem]);
  });
});
