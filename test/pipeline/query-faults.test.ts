// Logs Insights faults during `run`: retried ones end in exact totals; the others fail the run with
// exit 1 and a message naming the query, the window and the AWS error, and publish nothing of that
// query (a partial result must never pass for a whole one).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSetup, putEvents, type CloudSetup, type SetupOptions } from "./cloud-fixture.js";
import { expectedFor, PERIOD, SMTP, type Expected } from "./peer-model.js";
import { at, copiesCounts, logCopies, ms, span, tiling, zeroFillOf } from "./scene.js";

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

/** Result rows of a `stats ... by metric, bin` query per window: one per metric counted in it. */
function rowsPerWindow(counts: Expected, range: { from: number; to: number }): number[] {
  const rows: number[] = [];
  for (let bin = range.from; bin < range.to; bin += PERIOD) {
    rows.push([...counts.keys()].filter((key) => key.endsWith(` @ ${new Date(bin).toISOString()}`)).length);
  }
  return rows;
}

/** StartQuery calls when every result that reaches `limit` rows is halved on a window boundary and re-run. */
function queriesNeeded(rows: readonly number[], limit: number): number {
  const total = rows.reduce((a, b) => a + b, 0);
  if (total < limit || rows.length < 2) return 1;
  const middle = Math.floor(rows.length / 2);
  return 1 + queriesNeeded(rows.slice(0, middle), limit) + queriesNeeded(rows.slice(middle), limit);
}

describe("run: results that reach the row limit", () => {
  it("a range whose result reaches queryLimit is halved and re-run until no result does: exact totals", async () => {
    const copies = [0, 10, 20, 30];
    const { standIn, run } = await setUp({ queries: [`{ builtin: ${SMTP}, queryLimit: 20 }`] });
    await putEvents(standIn.endpoint, logCopies(copies.slice(1)));
    const counts = copiesCounts(QUERIES, copies);
    const range = span(0, 40);
    const expected = expectedFor(counts, zeroFillOf(QUERIES), [range]);
    const result = await run(["run"], at(45));
    expect(result.code, result.stderr).toBe(0);
    expect(audit(standIn, expected)).toEqual(exact(expected));
    const predicted = queriesNeeded(rowsPerWindow(counts, range), 20);
    expect(predicted).toBeGreaterThan(3);
    expect(standIn.state.requestCount("StartQuery")).toBe(predicted);
    // The queries that were not split tile the range: every event was counted from exactly one.
    const leaves = standIn.state.queries.filter((q) => q.rows.length < 20).map((q) => [q.startTime, q.endTime + 1] as const);
    const [queried, tiles] = tiling(leaves, { from: ms(0) / 1000, to: ms(40) / 1000 });
    expect(queried).toEqual(tiles);
  });

  it("a single window whose result reaches queryLimit fails the run: exit 1 naming it, nothing published", async () => {
    const { standIn, run } = await setUp({ queries: [`{ builtin: ${SMTP}, queryLimit: 13 }`] });
    const result = await run(["run"], NOW);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${SMTP}: window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z alone returned 13 rows, the query's row limit`);
    expect(standIn.state.requestCount("PutMetricData")).toBe(0);
  });
});
