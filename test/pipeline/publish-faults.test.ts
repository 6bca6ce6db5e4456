// PutMetricData faults during `run`. PutMetricData has no idempotency token: throttling (known not
// processed) is retried at once, but a batch answered 5xx or cut off may have landed, so it is parked
// as "unknown fate" and settled by read-back on later runs: found means landed, still absent once
// CloudWatch would surely show it (15 min for recent points) means re-send.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSetup, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { expectedFor, SMTP } from "./peer-model.js";
import { at, copiesCounts, logCopies, readStateJson, settled, span, withZeroFill, zeroFillNames } from "./scene.js";

/** 120 zero-filled names over 24 windows and the log's 17 rows: 2,897 datums, 3 batches. */
const NAMES = zeroFillNames(120);
const COUNTS = copiesCounts([SMTP], [0]);
const expectedUntil = (minutes: number) => expectedFor(COUNTS, NAMES, [span(0, minutes)]);

let setup: CloudSetup | undefined;
beforeAll(buildOnce, 120_000);
afterEach(async () => {
  await setup?.standIn.close();
  setup = undefined;
});

async function setUp(): Promise<CloudSetup> {
  setup = await cloudSetup({ now: Date.parse(at(125)), queries: [withZeroFill(SMTP, NAMES)], schedule: `startAt: ${at(0)}` });
  await putEvents(setup.standIn.endpoint, logCopies([0]));
  return setup;
}

const putAnswers = (s: CloudSetup) => s.standIn.state.requests.filter((r) => r.operation === "PutMetricData").map((r) => r.errorCode ?? r.outcome);

describe("run: PutMetricData faults", () => {
  it("throttled calls are retried by the SDK: exact totals in ceil(datums / 1000) accepted calls", async () => {
    const s = await setUp();
    s.standIn.faults.next("PutMetricData", { kind: "throttle" }, { times: 2 });
    const result = await s.run(["run"], at(125));
    expect(result.code, result.stderr).toBe(0);
    expect(audit(s.standIn, expectedUntil(120))).toEqual(exact(expectedUntil(120)));
    expect(putAnswers(s)).toEqual(["ThrottlingException", "ThrottlingException", 200, 200, 200]);
    expect(Math.ceil(expectedUntil(120).size / 1000)).toBe(3);
  });

  it("a 5xx on the second of three batches: exit 1 naming the batch; parked, then settled by read-back and re-sent once; exact totals", async () => {
    const s = await setUp();
    s.standIn.faults.next("PutMetricData", { kind: "delay", ms: 0 }).next("PutMetricData", { kind: "server-error" });
    const failed = await s.run(["run"], at(125));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`${SMTP}, windows .*: batch 2 of 3 \\(1 published before it, 1 left for the next run\\): .*fate is unknown`));
    expect(s.standIn.state.datums).toHaveLength(1000);

    // Same clock: the batch is not visible, but CloudWatch might still be catching up: keep it pending.
    const pending = await s.run(["run"], at(125));
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stdout).toContain("1000 datums of unknown fate await read-back on a later run");
    expect(s.standIn.state.successCount("GetMetricData")).toBeGreaterThan(0);
    expect(putAnswers(s)).toEqual([200, "InternalServiceFault", 200]);

    // 16 minutes later it would be visible had it landed: re-sent, with the windows now due.
    const settling = await s.run(["run"], at(141));
    expect(settling.code, settling.stderr).toBe(0);
    expect(audit(s.standIn, expectedUntil(135))).toEqual(exact(expectedUntil(135)));
    expect(settled(readStateJson(s.statePath))).toBe(true);
  });

  it("a batch cut off after it landed (connection dropped): read-back finds it and it is not sent again", async () => {
    const s = await setUp();
    s.standIn.faults.next("PutMetricData", { kind: "drop", store: "before" });
    const failed = await s.run(["run"], at(125));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("fate is unknown");
    const again = await s.run(["run"], at(125));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain("unknown fate");
    expect(audit(s.standIn, expectedUntil(120))).toEqual(exact(expectedUntil(120)));
    expect(settled(readStateJson(s.statePath))).toBe(true);
  });
});
