// Reads and writes the state file. Writes are atomic (temp file, fsync, rename, fsync of the
// directory) with mode 0600, so a crash leaves either the old or the new state, never a torn one.
// The temp file has an unguessable name and is created exclusively, never through a symlink, and the
// state is read without following one (util/exclusive-file.ts): a name planted beside the state
// makes the run fail with a message, never write or read another file.
import { openSync, fsyncSync, closeSync, renameSync, unlinkSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { homedir } from "node:os";
import { RuntimeError } from "../errors.js";
import { createExclusive, readNoFollow, unguessableSibling } from "../util/exclusive-file.js";
import { makeDirectory } from "../util/make-directory.js";
import { decodeState, encodeState } from "./codec.js";
import { EMPTY_STATE, type StateFile } from "./series.js";
import { stateFileError } from "./file-error.js";

/** `$XDG_STATE_HOME/mail-metrics/<config name>.json`, XDG's default being ~/.local/state. */
export function defaultStatePath(configPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME?.startsWith("/") ? env.XDG_STATE_HOME : join(homedir(), ".local", "state");
  return join(base, "mail-metrics", `${basename(configPath).replace(/\.ya?ml$/i, "")}.json`);
}

export function readState(path: string): StateFile {
  let text: string | undefined;
  try {
    text = readNoFollow(path);
  } catch (error) {
    throw stateFileError(path, "read", error);
  }
  if (text === undefined) return EMPTY_STATE;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, `not valid JSON (${(error as Error).message})`, error);
  }
  const decoded = decodeState(json);
  if (!decoded.ok) throw corrupt(path, decoded.problem);
  return decoded.state;
}

function corrupt(path: string, problem: string, cause?: unknown): RuntimeError {
  return new RuntimeError(
    `state file ${path} is damaged: ${problem}. It is not reset automatically, because that could publish ` +
      `windows twice. Restore it from a backup. Or move it aside: the next run then starts afresh as a first run does ` +
      `(at schedule.startAt, else with the last due window, which may have been published already), and a backfill ` +
      `publishes again whatever it covers, so backfill only a range you know was not published.`,
    { cause },
  );
}

export function writeState(path: string, state: StateFile): void {
  const directory = dirname(path);
  const temp = unguessableSibling(path, "tmp");
  try {
    makeDirectory(directory, 0o700);
  } catch (error) {
    throw stateFileError(path, "write", error);
  }
  try {
    createExclusive(temp, encodeState(state), 0o600);
  } catch (error) {
    // Never unlink here: on EEXIST the name is someone else's.
    throw stateFileError(path, "write", error);
  }
  try {
    // rename() replaces a symlink planted at `path` itself; it never writes through one.
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // the original error is what matters
    }
    throw stateFileError(path, "write", error);
  }
  syncDirectory(directory);
}

/** Makes the rename durable: without it a power cut can lose the new directory entry. */
function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
