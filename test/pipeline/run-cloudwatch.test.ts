// `mail-metrics run` as a user runs it (a child process with --endpoint-url) against the CloudWatch
// stand-in holding the real Postfix log examples/maillog, put in with PutLogEvents. Expected counts
// come from examples/maillog.expected.json, derived from the scripted SMTP peer's own record.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT } from "../cli/built-cli.js";
import { ledgerDatums, ledgerPuts } from "./audit.js";
import { cloudSetup, eventsOf, putEvents, receivedCounts, type CloudSetup } from "./cloud-fixture.js";

interface Expected {
  readonly year: number;
  readonly queries: Record<string, Record<string, Record<string, number>>>;
}

const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as Expected;
const events = eventsOf(join(ROOT, "examples/maillog"), expected.year);
const FIVE_MIN = 300_000;
const firstWindow = Math.floor(Math.min(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN;
const lastWindowEnd = Math.floor(Math.max(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN + FIVE_MIN;
const iso = (ms: number) => new Date(ms).toISOString();
/** The clock at which every window of the log is due (end + 5 min lag). */
const allDue = iso(lastWindowEnd + FIVE_MIN);

/** The peer-derived counts, plus the 0 the shipped queries' zeroFill lists publish in bins without one. */
function expectedCounts(): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const byMetric of Object.values(expected.queries)) for (const [metric, bins] of Object.entries(byMetric)) out[metric] = { ...bins };
  for (const zeroFilled of ["550-5_7_26", "deferred-4_4_1"]) {
    for (let bin = firstWindow; bin < lastWindowEnd; bin += FIVE_MIN) (out[zeroFilled] ??= {})[iso(bin)] ??= 0;
  }
  return out;
}

let setup: CloudSetup | undefined;
beforeAll(buildOnce, 120_000);
afterEach(async () => {
  await setup?.standIn.close();
  setup = undefined;
});

describe("run against CloudWatch", () => {
  it("publishes exactly the counts the peer's record predicts, once, with one query per query and run", async () => {
    setup = await cloudSetup({ now: Date.parse(allDue), schedule: `startAt: ${iso(firstWindow)}` });
    await putEvents(setup.standIn.endpoint, events);

    const first = await setup.run(["run"], allDue);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/postfix-smtp-status: published \d+ windows? /);
    expect(receivedCounts(setup.standIn)).toEqual(expectedCounts());
    expect(setup.standIn.state.requestCount("StartQuery")).toBe(2);
    const datums = ledgerDatums(setup.standIn).length;
    expect(ledgerPuts(setup.standIn)).toHaveLength(2 * Math.ceil(datums / 2 / 1000));

    const second = await setup.run(["run"], allDue);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("no new window due");
    expect(ledgerDatums(setup.standIn).length).toBe(datums);
    expect(setup.standIn.state.requestCount("StartQuery")).toBe(2);
  });
});
