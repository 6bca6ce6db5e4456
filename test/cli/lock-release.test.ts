// The lock is released whatever a command did, in-process (the fast loop; test/pipeline/lock.test.ts
// does the same through the built CLI). A lock file left behind by a failed run makes the next run
// take it over as stale, which hides the failure (issue 16's third gap). Watched failing, each by
// hand: the lock released only when the command returns 0 (`if (said.code === 0) …release()` before
// `return said.code` in cli/series-command.ts, its finally block emptied) fails the four failing
// run and backfill cases; released in the try, so that only a throw skips it, fails the backfill
// and damaged-state ones; the finally block of `state reset` emptied fails its case.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backfill } from "../../src/cli/commands/backfill.js";
import { run } from "../../src/cli/commands/run.js";
import { stateReset } from "../../src/cli/commands/state.js";
import { exitCodeFor } from "../../src/errors.js";
import { tempTree } from "../config/temp-tree.js";

const NOW = "2026-11-29T12:15:00Z";
const LINE =
  "2026-11-29T12:06:00.000000+00:00 mx1 postfix/smtp[7]: 4Xh1: to=<a@b.c>, relay=b.c[192.0.2.1]:25, dsn=2.0.0, status=sent (250 ok)";
const DAMAGED = '{"version": 1, "series": {"postfix-smtp-status@1": {"query": "postfix-smtp';

/** A config reading `log` (absent: a file that does not exist, so its query fails) into stdout, with its state beside it. */
function setup(log: string | undefined) {
  const config = `source:\n  type: files\n  paths: [mail.log]\n  timezone: UTC\nsink:\n  type: stdout\nstate:\n  path: state.json\nqueries:\n  - builtin: postfix-smtp-status\n`;
  const dir = tempTree({ "config.yaml": config, ...(log === undefined ? {} : { "mail.log": `${log}\n` }) });
  return { config: join(dir, "config.yaml"), state: join(dir, "state.json"), lock: join(dir, "state.json.lock") };
}

/** The exit code main.ts would give: what the command returned, or its error's. */
const exitOf = (command: Promise<number | void>) => command.then((code) => code ?? 0, exitCodeFor);

let printed: string[] = [];
beforeEach(() => {
  printed = [];
  const keep = (text: string | Uint8Array, ...rest: unknown[]) => {
    printed.push(String(text));
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(keep);
  vi.spyOn(process.stderr, "write").mockImplementation(keep);
});
afterEach(() => vi.restoreAllMocks());

describe("a command releases the lock whatever it did", () => {
  it("a run that succeeds: exit 0, no lock file left", async () => {
    const s = setup(LINE);
    expect(await exitOf(run({ config: s.config, now: NOW })), printed.join("")).toBe(0);
    expect(printed.join("")).toContain("postfix-smtp-status: published 1 window");
    expect(existsSync(s.state)).toBe(true);
    expect(existsSync(s.lock)).toBe(false);
  });

  it("a run whose query fails: exit 1, no lock file left", async () => {
    const s = setup(undefined);
    expect(await exitOf(run({ config: s.config, now: NOW }))).toBe(1);
    expect(printed.join("")).toContain("cannot read");
    expect(existsSync(s.lock)).toBe(false);
  });

  it("a backfill whose query fails: exit 1, no lock file left", async () => {
    const s = setup(undefined);
    expect(await exitOf(backfill({ config: s.config, now: NOW, from: "2026-11-29T12:00:00Z", to: "2026-11-29T12:10:00Z" }))).toBe(1);
    expect(existsSync(s.lock)).toBe(false);
  });

  it.each([
    ["run", (config: string) => run({ config, now: NOW })],
    ["backfill", (config: string) => backfill({ config, now: NOW, from: "2026-11-29T12:00:00Z", to: "2026-11-29T12:10:00Z" })],
    ["state reset", (config: string) => stateReset({ config, query: "postfix-smtp-status", yes: true })],
  ] as const)("%s with a damaged state: exit 1, no lock file left", async (_, command) => {
    const s = setup(LINE);
    writeFileSync(s.state, DAMAGED);
    expect(await exitOf(command(s.config))).toBe(1);
    expect(existsSync(s.lock)).toBe(false);
  });
});
