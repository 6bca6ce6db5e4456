// Batches of unknown fate as the state records them (`state show` prints each with its reason) and
// as a run reports them: why a batch is pending, and a read-back that fails with a bug is a bug.
import { describe, expect, it } from "vitest";
import { play, type Setup } from "./play.js";
import { World, type Log } from "./world.js";

const at = (hhmm: string) => Date.parse(`2026-11-29T${hhmm}:00Z`);
const setup: Setup = {
  windows: { period: 5 * 60_000, lag: 5 * 60_000, maxCatchUp: 24 * 3_600_000 },
  queries: [{ name: "q" }],
  configPath: "prod.yaml",
};
const log: Log = new Map<number, Record<string, number>>([
  [at("12:05"), { a: 1 }],
  [at("12:10"), { a: 2 }],
]);
const reasons = (world: World) => world.readState().series["q@a"]!.uncertain.map((batch) => batch.reason);

describe("batches of unknown fate in the state", () => {
  it("a batch a killed run left in flight is pending with why: the run ended during its call", async () => {
    const world = new World(log, "cloudwatch", 1000);
    expect(await play(world, setup, { kind: "run", now: at("12:15"), fates: { put: ["kill"] } })).toBeNull();
    // Five minutes on, the batch cannot be called missing yet: it stays pending, with its reason.
    const next = await play(world, setup, { kind: "run", now: at("12:20") });
    expect(next!.info[0]).toContain("1 datum of unknown fate await read-back on a later run");
    expect(reasons(world)).toEqual(["a run ended during its PutMetricData call"]);
  });

  it("a re-send killed during its call is pending with why: re-sent after read-back found it missing", async () => {
    const world = new World(log, "cloudwatch", 1000);
    await play(world, setup, { kind: "run", now: at("12:15"), fates: { put: ["5xx"] } });
    expect(await play(world, setup, { kind: "run", now: at("12:31"), fates: { put: ["kill"] } })).toBeNull();
    expect(reasons(world)).toEqual(["re-sent after read-back found it missing"]);
  });

  it("a read-back that fails with a bug stops the run as a bug (exit 70 with its stack), not as a batch left pending", async () => {
    const world = new World(log, "cloudwatch", 1000);
    await play(world, setup, { kind: "run", now: at("12:15"), fates: { put: ["5xx"] } });
    await expect(play(world, setup, { kind: "run", now: at("12:31"), fates: { readBack: ["bug"] } })).rejects.toThrow(TypeError);
  });
});
