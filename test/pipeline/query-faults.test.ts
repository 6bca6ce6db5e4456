// Logs Insights faults during `run`: retried ones end in exact totals; the others fail the run with
// exit 1 and a message naming the query, the window and the AWS error, and publish nothing of that
// query (a partial result must never pass for a whole one).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSetup, putEvents, type CloudSetup, type SetupOptions } from "./cloud-fixture.js";
import { expectedFor, SMTP } from "./peer-model.js";
import { at, copiesCounts, logCopies, span, zeroFillOf } from "./scene.js";

const QUERIES = [SMTP];
const WINDOW = "2026-11-29T12:00:00Z–2026-11-29T12:10:00Z";
/** Run at 12:15 with a 5-minute lag: [12:00, 12:10) is due. */
const NOW = at(15);
const EXPECTED = expectedFor(copiesCounts(QUERIES, [0]), zeroFillOf(QUERIES), [span(0, 10)]);

let setup: CloudSetup | undefined;
beforeAll(buildOnce, 120_000);
afterEach(async () => {
  await setup?.standIn.close();
  setup = undefined;
});

async function setUp(options: Partial<SetupOptions> = {}): Promise<CloudSetup> {
  setup = await cloudSetup({ now: Date.parse(NOW), queries: QUERIES, schedule: `startAt: ${at(0)}`, ...options });
  await putEvents(setup.standIn.endpoint, logCopies([0]));
  return setup;
}

describe("run: Logs Insights faults that are retried", () => {
  it("throttled StartQuery and GetQueryResults calls are retried by the SDK, then the run publishes exact totals", async () => {
    const { standIn, run } = await setUp();
    standIn.faults.next("StartQuery", { kind: "throttle" }, { times: 2 }).next("GetQueryResults", { kind: "throttle" }, { times: 2 });
    const result = await run(["run"], NOW);
    expect(result.code, result.stderr).toBe(0);
    expect(audit(standIn, EXPECTED)).toEqual(exact(EXPECTED));
    expect([standIn.state.requestCount("StartQuery"), standIn.state.successCount("StartQuery")]).toEqual([3, 1]);
    expect(standIn.state.queries).toHaveLength(1);
  });

  it("LimitExceededException on StartQuery is waited out with backoff, then the run publishes exact totals", async () => {
    const { standIn, run } = await setUp();
    standIn.faults.next("StartQuery", { kind: "limit-exceeded" }, { times: 2 });
    const result = await run(["run"], NOW);
    expect(result.code, result.stderr).toBe(0);
    expect(audit(standIn, EXPECTED)).toEqual(exact(EXPECTED));
    const answers = standIn.state.requests.filter((r) => r.operation === "StartQuery").map((r) => r.errorCode ?? r.outcome);
    expect(answers).toEqual(["LimitExceededException", "LimitExceededException", 200]);
  });

  it("5xx answers to GetQueryResults are retried, then the run publishes exact totals", async () => {
    const { standIn, run } = await setUp();
    standIn.faults.next("GetQueryResults", { kind: "server-error", status: 500 }).next("GetQueryResults", { kind: "server-error", status: 503 });
    const result = await run(["run"], NOW);
    expect(result.code, result.stderr).toBe(0);
    expect(audit(standIn, EXPECTED)).toEqual(exact(EXPECTED));
    expect(standIn.state.requests.filter((r) => r.operation === "GetQueryResults").map((r) => r.outcome)).toEqual([500, 503, 200]);
  });
});

describe("run: Logs Insights faults that fail the run", () => {
  it.each(["Failed", "Timeout", "Cancelled", "Unknown"] as const)("a query that ends %s: exit 1, the query, window and status named, nothing published", async (end) => {
    const { standIn, run } = await setUp();
    standIn.faults.next("StartQuery", { kind: "query", end });
    const result = await run(["run"], NOW);
    expect(result.code).toBe(1);
    const queryId = standIn.state.queries[0]!.queryId;
    expect(result.stderr).toContain(`query ${queryId} (${SMTP}, ${WINDOW}) ended with status ${end}`);
    expect(standIn.state.requestCount("PutMetricData")).toBe(0);
  });

  it("a query still Running at source.queryTimeout: exit 1 naming it, StopQuery called, nothing published", async () => {
    const { standIn, run } = await setUp({ source: "queryTimeout: 2s" });
    standIn.faults.next("StartQuery", { kind: "query", end: "never" });
    const result = await run(["run"], NOW);
    expect(result.code).toBe(1);
    const query = standIn.state.queries[0]!;
    expect(result.stderr).toContain(`query ${query.queryId} (${SMTP}, ${WINDOW}) did not complete within 2 s; it was stopped`);
    expect(standIn.state.successCount("StopQuery")).toBe(1);
    expect(query.stopped).toBe(true);
    expect(standIn.state.requestCount("PutMetricData")).toBe(0);
  });

  it("a query that fails once: the next run publishes exact totals", async () => {
    const { standIn, run } = await setUp();
    standIn.faults.next("StartQuery", { kind: "query", end: "Failed" });
    expect((await run(["run"], NOW)).code).toBe(1);
    const again = await run(["run"], NOW);
    expect(again.code, again.stderr).toBe(0);
    expect(audit(standIn, EXPECTED)).toEqual(exact(EXPECTED));
  });
});
