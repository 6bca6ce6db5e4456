// The exactly-once core as data (test/pipeline/scenarios/*.yaml, one behaviour per file): each file
// gives the state before, cron runs and backfills with the fate of their calls and the clock, and
// expects what each says (exit code, summary, stderr), then the state after and what the sink holds
// against the log's counts (each datum once). Before every run, a dry run from the same state must
// print exactly what that run publishes (dry-run-check.ts).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectDryRunIsRun } from "./dry-run-check.js";
import { play } from "./play.js";
import { readScenario, type ExpectedSeries, type Scenario } from "./scenario-file.js";
import { audit, EXACT, truth } from "./truth.js";
import { World } from "./world.js";

const DIR = join(import.meta.dirname, "..", "scenarios");
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

describe("exactly-once scenarios", () => {
  it("has scenario files", () => expect(FILES.length).toBeGreaterThan(0));

  it.each(FILES)("%s", async (name) => {
    const scenario = readScenario(join(DIR, name));
    const world = new World(scenario.log, scenario.sink, scenario.batchSize);
    world.disk = scenario.state;
    for (const [i, entry] of scenario.steps.entries()) {
      const where = `step ${i + 1}`;
      if (entry.step.kind === "run" && entry.step.dryRun !== true) await expectDryRunIsRun(world, scenario.setup, entry.step, where);
      const outcome = await play(world, scenario.setup, entry.step);
      if (entry.code === "killed") {
        expect(outcome, `${where}: killed`).toBeNull();
        continue;
      }
      expect(outcome, `${where}: not killed`).not.toBeNull();
      expect({ code: outcome!.code, warn: outcome!.warn.length }, `${where}: ${outcome!.warn.join(" | ")}`).toEqual({
        code: entry.code,
        warn: entry.err.length,
      });
      entry.err.forEach((fragment, line) => expect(outcome!.warn[line], `${where}, stderr line ${line + 1}`).toContain(fragment));
      if (entry.out !== undefined) {
        expect(outcome!.info, `${where}: summary`).toHaveLength(entry.out.length);
        entry.out.forEach((fragment, line) => expect(outcome!.info[line], `${where}, summary line ${line + 1}`).toContain(fragment));
      }
      if (entry.summary !== undefined) expect(outcome!.info, `${where}: the summary, exactly`).toEqual(entry.summary);
      if (entry.fields !== undefined) expect(outcome!.fields, `${where}: the summary's figures`).toMatchObject(entry.fields);
    }
    expect(audit(world, expectedDatums(scenario))).toEqual(EXACT);
    for (const [key, expected] of scenario.state_after) expect(stateOf(world, key), key).toMatchObject(expected);
  });
});

function expectedDatums(scenario: Scenario): Map<string, number> {
  const all = new Map<string, number>();
  for (const query of scenario.setup.queries) {
    for (const [key, value] of truth(scenario.log, query, scenario.published.get(query.name) ?? [])) all.set(key, value);
  }
  return all;
}

/** The parts of a series' state a scenario speaks of, in its terms. */
function stateOf(world: World, key: string): ExpectedSeries {
  const series = world.readState().series[key];
  if (series === undefined) return { owed: [] };
  return {
    owed: series.owed,
    published: series.published,
    lost: series.lost,
    plan: series.plan?.range ?? null,
    pending: series.uncertain.reduce((sum, batch) => sum + batch.datums.length, 0),
  };
}
