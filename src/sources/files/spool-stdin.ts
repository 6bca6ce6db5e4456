// Standard input can be read once, but a run reads its sources once per query and per range. The
// first read copies stdin to a private temporary file (streamed: constant memory), and every read,
// the first included, reads that file. It is removed when the process exits.
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { STDIN } from "./expand-inputs.js";

/**
 * `signal` stops the copy (Ctrl-C while a pipe is still open: the run stops as at any other point,
 * instead of waiting for an end of input that may never come).
 */
export function stdinSpooler(
  stdin: Readable = process.stdin,
): (paths: readonly string[], signal?: AbortSignal) => Promise<readonly string[]> {
  let spooled: Promise<string> | undefined;
  return async (paths, signal) => {
    if (!paths.includes(STDIN)) return paths;
    spooled ??= spool(stdin, signal);
    const file = await spooled;
    return paths.map((path) => (path === STDIN ? file : path));
  };
}

async function spool(stdin: Readable, signal: AbortSignal | undefined): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "mail-metrics-stdin-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "stdin");
  try {
    await pipeline(stdin, createWriteStream(file, { mode: 0o600 }), signal === undefined ? {} : { signal });
  } catch (error) {
    // Stopped or failed: the partial copy is of no use, and a process that lives on (a test run) keeps no litter.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return file;
}
