// Which test files belong only to the full suite: those that reach, directly or through the
// helpers they import, the built CLI (test/cli/built-cli.ts), a real Postfix
// (test/postfix/postfix-run.ts) or the built dist/ modules. Found by reading the test import graph,
// so a new test is put in the right loop by what it imports, with no list to keep.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** Modules whose importers are slow: they spawn the built CLI, run Postfix, or load dist/. */
const SLOW_ROOTS = ["test/cli/built-cli.ts", "test/postfix/postfix-run.ts"];
/** Text that marks a file slow by itself (a dynamic import of the built modules). */
const SLOW_MARK = /["'`]dist\//;

export function slowTestFiles(root: string): string[] {
  const files = walk(join(root, "test")).filter((file) => file.endsWith(".ts"));
  const imports = new Map(files.map((file) => [file, localImports(file)]));
  const slow = new Set(SLOW_ROOTS.map((file) => join(root, file)));
  for (const file of files) if (SLOW_MARK.test(readFileSync(file, "utf8"))) slow.add(file);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [file, deps] of imports) {
      if (!slow.has(file) && deps.some((dep) => slow.has(dep))) {
        slow.add(file);
        grew = true;
      }
    }
  }
  return [...slow].filter((file) => file.endsWith(".test.ts")).map((file) => relative(root, file));
}

function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g)].map((m) => m[1]!);
  return specifiers.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
