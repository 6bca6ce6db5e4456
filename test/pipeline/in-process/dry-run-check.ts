// "Dry run is the run": from the same state and clock, `run --dry-run` must print exactly the datums a
// run publishes, start exactly its queries and say the same. Both are tried on copies of the world,
// with every call answered normally, so the world itself is left as it was.
import { expect } from "vitest";
import { play, type Setup, type Step } from "./play.js";
import type { World } from "./world.js";

export async function expectDryRunIsRun(world: World, setup: Setup, step: Extract<Step, { kind: "run" }>, where: string): Promise<void> {
  const dry = world.fork();
  const real = world.fork();
  const shown = await play(dry, setup, { ...step, fates: {}, dryRun: true });
  const before = real.received.length;
  const done = await play(real, setup, { ...step, fates: {} });
  expect(dry.disk, `${where}: a dry run writes no state`).toBe(world.disk);
  expect(dry.received, `${where}: a dry run publishes nothing`).toEqual(world.received);
  expect(shown!.collected, `${where}: the dry run's datums`).toEqual(real.received.slice(before).map((r) => r.datum));
  expect(dry.queried, `${where}: the dry run's queries`).toEqual(real.queried);
  const asRun = (lines: readonly string[]) =>
    lines.map((line) => line.replaceAll("would publish", "published").replaceAll("would be re-sent", "re-sent"));
  expect({ code: shown!.code, info: asRun(shown!.info), warn: shown!.warn }, `${where}: what the dry run says`).toEqual({
    code: done!.code,
    info: done!.info,
    warn: done!.warn,
  });
}
