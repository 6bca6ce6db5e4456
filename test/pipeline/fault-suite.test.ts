// The fault suite (issue 5, part 4): every fault the stand-in can inject, two runs racing, and the
// process killed with SIGKILL at 20 seeded points (fault-scenarios.ts), each followed by cron re-runs
// until nothing is left pending (settle-runs.ts), ending with exactly the datums the peer's record
// predicts: nothing lost, nothing doubled. Scenarios run three at a time (a run spends much of its
// time waiting on polls), each with its own stand-in and state. A table of outcomes is printed at the
// end (process.stdout.write in afterAll shows with vitest's default reporter), for the CI log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { putEvents, withCloud } from "./cloud-fixture.js";
import { FAULTS, killScenarios, NAMES, NOW, RESEND_KILLS, type Scenario } from "./fault-scenarios.js";
import { planKey } from "./kill-plan.js";
import { expectedFor, PERIOD, SMTP } from "./peer-model.js";
import { formatTable, type ScenarioRow } from "./scenario-table.js";
import { runUntilSettled } from "./settle-runs.js";
import { at, copiesCounts, logCopies, MINUTE, span, T0, withZeroFill } from "./scene.js";
import { slots } from "./slots.js";

const LAG = 5 * MINUTE;

const rows: ScenarioRow[] = [];
const slot = slots(3);
beforeAll(buildOnce, 120_000);
afterAll(() => {
  const sorted = [...rows].sort((a, b) => (a.seed ?? -1) - (b.seed ?? -1) || a.scenario.localeCompare(b.scenario));
  process.stdout.write(
    formatTable(
      "fault suite: each scenario, then cron re-runs until settled; datums, duplicates and missing against the peer's counts",
      sorted,
    ),
  );
});

async function play(scenario: Scenario): Promise<void> {
  const copies = scenario.copies ?? [0];
  const options = { now: Date.parse(NOW), queries: [withZeroFill(SMTP, NAMES)], schedule: `startAt: ${at(0)}`, ...scenario.setup };
  await withCloud(options, async (s) => {
    await putEvents(s.standIn.endpoint, logCopies(copies));
    scenario.inject?.(s);
    const before = scenario.start ? await scenario.start(s) : 0;
    const settlement = await runUntilSettled(s, Date.parse(NOW), scenario.plan);
    const due = Math.floor((settlement.now - LAG) / PERIOD) * PERIOD;
    const expected = expectedFor(copiesCounts([SMTP], copies), NAMES, [span(0, (due - T0) / MINUTE)]);
    const outcome = audit(s.standIn, expected);
    rows.push({
      scenario: scenario.name,
      seed: scenario.seed ?? null,
      killPoint: settlement.kills.join("; ") || "-",
      runs: before + settlement.runs,
      datums: outcome.datums,
      duplicates: outcome.duplicates.length,
      missing: outcome.missing.length,
    });
    expect(outcome).toEqual(exact(expected));
    scenario.check?.(s, settlement);
  });
}

describe.concurrent("fault suite", () => {
  it.each([...FAULTS, ...RESEND_KILLS].map((scenario) => [scenario.name, scenario] as const))(
    "%s: exact totals after re-runs",
    (_, scenario) => slot(() => play(scenario)),
    240_000,
  );

  it.each(killScenarios().map((scenario) => [scenario.seed, planKey(scenario.plan!), scenario] as const))(
    "SIGKILL seed %i (%s): exact totals after re-runs",
    (_, __, scenario) => slot(() => play(scenario)),
    240_000,
  );
});
