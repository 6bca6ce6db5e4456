// The layer rule of ARCHITECTURE.md, read from its diagram and checked against the import graph of
// src/. The diagram is the rule: a fenced block under "## Layers", one layer a line from the top,
// each line starting with the modules of that layer (a folder of src/ as `name/`, a file at its
// top as `name.ts`) before its description. A module may import its own files and the modules of any layer
// below its own: never one above, never a sibling on its own line. A layer whose description says
// "imports nothing outside itself" may import only its own files, and no package or `node:` module.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export interface Layer {
  readonly modules: readonly string[];
  /** Imports nothing outside itself. */
  readonly alone: boolean;
}

const MODULE = /^(?:[a-z][a-z0-9-]*\/|[a-z][a-z0-9-]*\.ts)$/;
const ALONE = "imports nothing outside itself";

/** The layers of the diagram under `## Layers` in `markdown`, top first. */
export function parseLayers(markdown: string): Layer[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith("Layers"));
  const block = section?.match(/```[^\n]*\n([\s\S]*?)```/)?.[1];
  if (block === undefined) throw new Error("ARCHITECTURE.md has no fenced diagram under ## Layers");
  return block.split("\n").flatMap((line) => {
    const modules: string[] = [];
    for (const word of line.trim().split(/\s+/)) {
      if (!MODULE.test(word)) break;
      modules.push(word.replace(/\/$|\.ts$/, ""));
    }
    return modules.length === 0 ? [] : [{ modules, alone: line.includes(ALONE) }];
  });
}

/** One source file: its path under src/ (`metrics/datum.ts`) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export function readSourceTree(root: string): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return walk(root)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({ path: relative(root, file), text: readFileSync(file, "utf8") }));
}

/** Every module specifier a file imports: static, `export … from`, dynamic `import()`, type-only too. */
export function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|[^\w.])(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
}

/** The module a path under src/ belongs to: its top folder, or the file itself at the top. */
const moduleOf = (path: string): string => (path.includes("/") ? path.slice(0, path.indexOf("/")) : path.replace(/\.ts$/, ""));

/** What breaks the rule, one line each: `metrics/datum.ts imports cli/program.ts: metrics/ is below cli/`. */
export function layerViolations(files: readonly SourceFile[], layers: readonly Layer[]): string[] {
  const levelOf = new Map<string, number>();
  layers.forEach((layer, level) => layer.modules.forEach((name) => levelOf.set(name, level)));
  const show = (module: string) => (files.some((file) => file.path === `${module}.ts`) ? `${module}.ts` : `${module}/`);
  const problems: string[] = [];
  for (const file of files) {
    const from = moduleOf(file.path);
    const level = levelOf.get(from);
    if (level === undefined) {
      problems.push(`${file.path}: ${show(from)} is in no layer of the diagram; add it to ARCHITECTURE.md`);
      continue;
    }
    for (const specifier of importsOf(file.text)) {
      if (!specifier.startsWith(".")) {
        if (layers[level]!.alone) problems.push(`${file.path} imports ${specifier}: ${show(from)} imports nothing outside itself`);
        continue;
      }
      const target = relative("/src", resolve("/src", dirname(file.path), specifier)).replace(/\.js$/, ".ts");
      const to = moduleOf(target);
      if (to === from) continue;
      const targetLevel = levelOf.get(to);
      if (target.startsWith("..") || targetLevel === undefined)
        problems.push(`${file.path} imports ${specifier}: outside the layers of src/`);
      else if (layers[level]!.alone) problems.push(`${file.path} imports ${target}: ${show(from)} imports nothing outside itself`);
      else if (targetLevel === level)
        problems.push(`${file.path} imports ${target}: ${show(from)} and ${show(to)} are siblings, neither imports the other`);
      else if (targetLevel < level)
        problems.push(`${file.path} imports ${target}: ${show(from)} is below ${show(to)}, imports run only downward`);
    }
  }
  return problems;
}
