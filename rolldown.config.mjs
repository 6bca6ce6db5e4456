// The CLI as users run it: one bundle (dist/bin/), so a start-up loads a handful of files instead of
// ~300 modules (`query` on a small log: ~265 → ~160 ms). Commands and the AWS SDK stay lazily loaded
// chunks; the file-reading worker is its own entry beside them (parallel-scan.ts finds it next to
// itself). tsc still emits dist/ module by module for the tests' worker threads.
//
// Left to itself rolldown cuts the code `run` loads at start into ~25 chunks, one per set of
// importers, and Node's ESM loader pays for each file (resolve, read, compile, link: ~20 ms of CPU
// for a cron run of 200 ms). So groups made of the static imports of what needs them, one file
// apiece: `cli`, what every start loads (main.ts's and program.ts's, with commander); `scan`, the
// worker's (which must not load the rest); `engine`, what `run` and `query` both load; `core`, the
// rest of what `run` loads. Other commands load these and their own chunks; the AWS SDK stays where
// only an AWS call loads it.
import { resolve } from "node:path";
import { defineConfig } from "rolldown";

const src = (path) => resolve("src", path);
const ENTRY = { "mail-metrics": src("main.ts"), "scan-worker": src("sources/files/scan-worker.ts") };

/** Every module `from` imports statically, itself included (node: builtins are not modules here). */
function staticClosure(ctx, from) {
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id)) return;
    const info = ctx.getModuleInfo(id);
    if (info === null) return;
    seen.add(id);
    for (const imported of info.importedIds) visit(imported);
  };
  visit(from);
  return seen;
}

let groups;
/** The group of a module, from the three closures (made once: rolldown asks module by module). */
function groupOf(id, ctx) {
  groups ??= (() => {
    const worker = staticClosure(ctx, ENTRY["scan-worker"]);
    const cli = new Set([...staticClosure(ctx, ENTRY["mail-metrics"]), ...staticClosure(ctx, src("cli/program.ts"))]);
    const run = staticClosure(ctx, src("cli/commands/run.ts"));
    const query = staticClosure(ctx, src("cli/commands/query.ts"));
    return { worker, cli, run, query };
  })();
  if (Object.values(ENTRY).includes(id)) return null;
  // A module of the worker and the CLI both (errors.ts) is neither's: each loads it on its own. The
  // worker's own (young-generation.ts, with node:v8) stay in its entry.
  if (groups.worker.has(id)) return !groups.cli.has(id) && groups.run.has(id) ? "scan" : null;
  if (groups.cli.has(id)) return "cli";
  if (!groups.run.has(id)) return null;
  // What `query` needs of it too (config, engine, files source) apart, so `query` loads no more.
  return groups.query.has(id) ? "engine" : "core";
}

/**
 * commander requires node:child_process when it loads, for subcommands that are programs of their
 * own (`git-style`), which mail-metrics has none of; that module (with net, dgram and streams) is
 * ~12 M instructions of every start. Required where commander would spawn one instead.
 */
const commanderSpawnsLazily = {
  name: "commander-spawns-lazily",
  transform: {
    filter: { id: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ },
    handler(code) {
      const eager = "const childProcess = require('node:child_process');";
      // A commander that no longer does this needs nothing here; one that does it otherwise, a look.
      if (!code.includes(eager)) return code.includes("child_process") ? this.error(`${eager} not found`) : null;
      return code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
    },
  },
};

export default defineConfig({
  input: ENTRY,
  platform: "node",
  // The entries are programs, not libraries: nothing imports what they export.
  preserveEntrySignatures: "allow-extension",
  plugins: [commanderSpawnsLazily],
  output: {
    dir: "dist/bin",
    cleanDir: true,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    charset: "ascii",
    comments: { legal: true, annotation: false, jsdoc: false },
    codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: groupOf, debugName: "cli, scan, engine and core" }] },
  },
});
