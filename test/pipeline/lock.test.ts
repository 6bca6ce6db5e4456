// One run at a time per state file. Two runs started together publish once: the second exits 0 with
// one line (cron must not mail an error for it), or waits with --wait; a lock left by a dead process
// is taken over.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSetup, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { at, copiesCounts, logCopies, span, zeroFillOf } from "./scene.js";

const QUERIES = [SMTP, DELIVERY];
const NOW = at(15);
const EXPECTED = expectedFor(copiesCounts(QUERIES, [0]), zeroFillOf(QUERIES), [span(0, 10)]);
const HELD = /^mail-metrics: another run holds the lock on \S+ \(pid \d+ on \S+ since \S+\); nothing to do\n$/;

let setup: CloudSetup | undefined;
beforeAll(buildOnce, 120_000);
afterEach(async () => {
  await setup?.standIn.close();
  setup = undefined;
});

/** Queries stay Running for `runningPolls` polls, so a run holds the lock for seconds. */
async function setUp(runningPolls = 0): Promise<CloudSetup> {
  setup = await cloudSetup({ now: Date.parse(NOW), schedule: `startAt: ${at(0)}`, standInOptions: { runningPolls } });
  await putEvents(setup.standIn.endpoint, logCopies([0]));
  return setup;
}

/** Writes the lock file as a run of process `pid` would (startTicks null: the pid alone decides). */
function holdLock(s: CloudSetup, pid: number): void {
  mkdirSync(dirname(s.statePath), { recursive: true });
  writeFileSync(`${s.statePath}.lock`, JSON.stringify({ pid, host: hostname(), startTicks: null, since: "2026-11-29T11:00:00.000Z" }));
}

describe("run: the lock", () => {
  it("two runs started together publish once; the one without the lock exits 0 with one line", async () => {
    const s = await setUp(2);
    const results = await Promise.all([s.spawn(["run"], NOW).done, s.spawn(["run"], NOW).done]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const [loser, winner] = HELD.test(results[0]!.stdout) ? results : [results[1]!, results[0]!];
    expect(loser.stdout).toMatch(HELD);
    expect(loser.stderr).toBe("");
    expect(winner.stdout).toContain(`${SMTP}: published 2 windows`);
    expect(audit(s.standIn, EXPECTED)).toEqual(exact(EXPECTED));
    expect(s.standIn.state.requestCount("StartQuery")).toBe(2);
  });

  it("--wait: the second run waits for the lock, then finds nothing left to publish", async () => {
    const s = await setUp(2);
    const first = s.spawn(["run"], NOW);
    await nextRequest(s.standIn, "StartQuery");
    const second = await s.run(["run", "--wait", "30s"], NOW);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`${SMTP}: no new window due`);
    expect((await first.done).code).toBe(0);
    expect(audit(s.standIn, EXPECTED)).toEqual(exact(EXPECTED));
  });

  it("--wait that runs out: exit 1 saying who holds the lock, nothing done", async () => {
    const s = await setUp();
    holdLock(s, process.pid);
    const result = await s.run(["run", "--wait", "1s"], NOW);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`mail-metrics: another run still holds the lock on ${s.statePath} (pid ${process.pid} on ${hostname()} since 2026-11-29T11:00:00.000Z) after waiting 1s\n`);
    expect(s.standIn.state.requestCount("StartQuery")).toBe(0);
  });

  it("a lock left by a process that died is taken over", async () => {
    const s = await setUp();
    holdLock(s, spawnSync(process.execPath, ["-e", ""]).pid!);
    const result = await s.run(["run"], NOW);
    expect(result.code, result.stderr).toBe(0);
    expect(audit(s.standIn, EXPECTED)).toEqual(exact(EXPECTED));
    expect(existsSync(`${s.statePath}.lock`)).toBe(false);
  });
});
