// `mail-metrics … | head -1`: the reader closes the pipe after its first chunk. The CLI must end
// quietly (exit 0, nothing on stderr) like a Unix tool stopped by SIGPIPE, and a run with a stdout
// sink must not record as printed a batch the reader never got.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempTree } from "../config/temp-tree.js";
import { buildOnce, childEnv, CLI, ROOT, runCli } from "./built-cli.js";
import { ndjson } from "./fixtures.js";

beforeAll(buildOnce, 120_000);

const START = Date.UTC(2026, 10, 1);
const WINDOWS = 8000; // one datum a window: ~800 KB of ndjson, ~380 KB of table, far beyond a 64 KiB pipe buffer
const LOG = Array.from({ length: WINDOWS }, (_, i) => {
  const time = new Date(START + i * 300_000).toISOString().replace(".000Z", "+00:00");
  return `${time} mx postfix/smtp[1]: A${i}: to=<a@gmail.com>, relay=mx.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.7.26, status=bounced (host mx.example[192.0.2.1] said: 550-5.7.26 Unauthenticated (in reply to end of DATA command))`;
}).join("\n");
const NOW = new Date(START + (WINDOWS + 2) * 300_000).toISOString();

interface Closed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly read: number;
}

/** Runs the CLI, reads the first chunk of its stdout, then closes the pipe, as `head -c` does. */
function runCliClosingStdout(args: readonly string[]): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let read = 0;
    const stderr: Buffer[] = [];
    child.stdout.once("data", (chunk: Buffer) => {
      read = chunk.length;
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr: Buffer.concat(stderr).toString("utf8"), read }));
  });
}

function config(dir: string, state: string): string {
  const path = join(dir, `${state.includes("false") ? "stateless" : "stateful"}.yaml`);
  const lines = [
    "source:",
    "  type: files",
    `  paths: [${join(dir, "mail.log")}]`,
    "sink:",
    "  type: stdout",
    "  output: ndjson",
    "schedule:",
    `  startAt: ${new Date(START).toISOString()}`,
    "  maxCatchUp: 60d",
    state,
    "queries:",
    "  - builtin: postfix-smtp-status",
    "",
  ];
  writeFileSync(path, lines.join("\n"));
  return path;
}

describe("a reader that closes stdout early", () => {
  const dir = tempTree({ "mail.log": `${LOG}\n` });
  const log = join(dir, "mail.log");

  it.each(["ndjson", "json", "table"])("ends query --output %s quietly with exit 0", async (format) => {
    const result = await runCliClosingStdout(["query", "postfix-smtp-status", log, "--output", format]);
    expect(result.read).toBeGreaterThan(0);
    expect(result).toMatchObject({ code: 0, signal: null, stderr: "" });
  });

  it("ends a run without state, and a dry run, quietly with exit 0", async () => {
    const stateless = await runCliClosingStdout(["run", "--config", config(dir, "state: { enabled: false }"), "--now", NOW]);
    expect(stateless).toMatchObject({ code: 0, signal: null, stderr: "" });
    const state = join(dir, "dry-run.json");
    const dryRun = await runCliClosingStdout(["run", "--config", config(dir, `state: { path: ${state} }`), "--now", NOW, "--dry-run"]);
    expect(dryRun).toMatchObject({ code: 0, signal: null, stderr: "" });
  });

  it("leaves a run's batch unpublished in the state, so the next run prints all of it", async () => {
    const state = join(dir, "state.json");
    const path = config(dir, `state: { path: ${state} }`);
    const closed = await runCliClosingStdout(["run", "--config", path, "--now", NOW]);
    expect(closed).toMatchObject({ code: 0, signal: null, stderr: "" });
    const saved = JSON.parse(readFileSync(state, "utf8")) as {
      series: Record<string, { published: unknown[]; plan: { done: number } | null }>;
    };
    const [series] = Object.values(saved.series);
    expect(series).toMatchObject({ published: [], plan: { done: 0 } });

    const next = await runCli(["run", "--config", path, "--now", NOW]);
    expect(next.code).toBe(0);
    // Every window up to NOW's last due one: the log's, and one after it with 550-5_7_26 zero-filled.
    expect(ndjson(next.stdout)).toHaveLength(WINDOWS + 1);
    const after = await runCli(["run", "--config", path, "--now", NOW]);
    expect(ndjson(after.stdout)).toEqual([]);
  });
});
