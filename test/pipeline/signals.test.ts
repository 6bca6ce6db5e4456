// SIGTERM (and Ctrl-C) stop new work: running queries are stopped, the PutMetricData call in flight
// is finished, the state is saved, and the run exits non-zero with a one-line summary. The next run
// then completes exact totals.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSetup, putEvents, type CloudSetup, type SetupOptions } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { at, copiesCounts, logCopies, readStateJson, settled, span, withZeroFill, zeroFillNames, zeroFillOf } from "./scene.js";

const NOW = at(125);

let setup: CloudSetup | undefined;
beforeAll(buildOnce, 120_000);
afterEach(async () => {
  await setup?.standIn.close();
  setup = undefined;
});

async function setUp(options: Partial<SetupOptions>): Promise<CloudSetup> {
  setup = await cloudSetup({ now: Date.parse(NOW), schedule: `startAt: ${at(0)}`, ...options });
  await putEvents(setup.standIn.endpoint, logCopies([0]));
  return setup;
}

describe("run stopped by SIGTERM", () => {
  it("during a PutMetricData call: the call finishes, no further batch is sent, exit 1 with a summary; the next run completes", async () => {
    const names = zeroFillNames(120);
    const s = await setUp({ queries: [withZeroFill(SMTP, names)] });
    s.standIn.faults.next("PutMetricData", { kind: "delay", ms: 0 }).next("PutMetricData", { kind: "delay", ms: 1_000 });
    const child = s.spawn(["run"], NOW);
    let puts = 0;
    const watch = (): Promise<unknown> => nextRequest(s.standIn, "PutMetricData", () => (++puts === 2 ? child.kill("SIGTERM") : void watch()));
    await watch();
    const stopped = await child.done;
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(new RegExp(`^${SMTP}: published 24 windows .*: 2000 datums in 2 batches; .*interrupted before the end; the next run resumes\\n$`));
    expect(stopped.stderr).toBe("mail-metrics: stopped by SIGTERM: running queries were stopped and the state saved; the next run continues from there\n");
    expect(s.standIn.state.successCount("PutMetricData")).toBe(2);

    const again = await s.run(["run"], NOW);
    expect(again.code, again.stderr).toBe(0);
    const expected = expectedFor(copiesCounts([SMTP], [0]), names, [span(0, 120)]);
    expect(audit(s.standIn, expected)).toEqual(exact(expected));
    expect(settled(readStateJson(s.statePath))).toBe(true);
  });

  it("while its queries run: both are stopped, nothing is published, exit 1 with one line; the next run completes", async () => {
    const s = await setUp({});
    s.standIn.faults.next("StartQuery", { kind: "query", runningPolls: 5 }, { times: 2 });
    const child = s.spawn(["run"], NOW);
    await nextRequest(s.standIn, "GetQueryResults", () => child.kill("SIGTERM"));
    const stopped = await child.done;
    expect(stopped).toMatchObject({ code: 1, stdout: "" });
    expect(stopped.stderr).toBe("mail-metrics: stopped by SIGTERM: running queries were stopped and the state saved; the next run continues from there\n");
    expect(s.standIn.state.queries.map((q) => q.stopped)).toEqual([true, true]);
    expect(s.standIn.state.requestCount("PutMetricData")).toBe(0);

    const again = await s.run(["run"], NOW);
    expect(again.code, again.stderr).toBe(0);
    const queries = [SMTP, DELIVERY];
    const expected = expectedFor(copiesCounts(queries, [0]), zeroFillOf(queries), [span(0, 120)]);
    expect(audit(s.standIn, expected)).toEqual(exact(expected));
  });
});
