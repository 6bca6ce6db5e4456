// Logs Insights faults that fail a run: exit 1, a message naming the query, the window and the AWS
// error, and nothing of that query published (a partial result must never pass for a whole one).
// Faults that are retried (throttling, LimitExceededException, 5xx), row-limit splitting, and the
// re-runs that end in exact totals are in fault-suite.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { cloudSlots, putEvents, type CloudSetup, type SetupOptions } from "./cloud-fixture.js";
import { SMTP } from "./peer-model.js";
import { at, logCopies } from "./scene.js";
import { untimed } from "./log-lines.js";
import { ledgerPuts } from "./audit.js";

const WINDOW = "2026-11-29T12:00:00Z–2026-11-29T12:10:00Z";
/** Run at 12:15 with a 5-minute lag: [12:00, 12:10) is due. */
const NOW = at(15);

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

/** A stand-in holding the real log at 12:00-12:10 and a config with one query starting at 12:00. */
function withLog(options: Partial<SetupOptions>, body: (s: CloudSetup) => Promise<void>): Promise<void> {
  const setup = { now: Date.parse(NOW), queries: [SMTP], schedule: `startAt: ${at(0)}`, ...options };
  return inCloud(setup, async (s) => {
    await putEvents(s.standIn.endpoint, logCopies([0]));
    await body(s);
  });
}

describe.concurrent("run: Logs Insights faults that fail the run", { timeout: 180_000 }, () => {
  it.each(["Failed", "Timeout", "Cancelled", "Unknown"] as const)(
    "a query that ends %s: exit 1, the query, window and status named, nothing published",
    (end) =>
      withLog({}, async ({ standIn, run }) => {
        standIn.faults.next("StartQuery", { kind: "query", end });
        const result = await run(["run"], NOW);
        expect(result.code).toBe(1);
        expect(untimed(result.stderr)).toMatch(
          new RegExp(
            `^mail-metrics: query ${standIn.state.queries[0]!.queryId} \\(${SMTP}, ${WINDOW}\\) ended with status ${end}; [^\\n]*nothing was published for it[^\\n]*\\n$`,
          ),
        );
        expect(ledgerPuts(standIn)).toHaveLength(0);
      }),
  );

  it("a query still Running at source.queryTimeout: exit 1 naming it, StopQuery called, nothing published", () =>
    withLog({ source: "queryTimeout: 2s" }, async ({ standIn, run }) => {
      standIn.faults.next("StartQuery", { kind: "query", end: "never" });
      const result = await run(["run"], NOW);
      expect(result.code).toBe(1);
      const query = standIn.state.queries[0]!;
      expect(result.stderr).toContain(`query ${query.queryId} (${SMTP}, ${WINDOW}) did not complete within 2 s; it was stopped`);
      expect(standIn.state.successCount("StopQuery")).toBe(1);
      expect(query.stopped).toBe(true);
      expect(ledgerPuts(standIn)).toHaveLength(0);
    }));

  it.each([
    ["a 500 answer", { kind: "server-error", status: 500 }, "ServiceUnavailableException", 0],
    ["a 503 answer", { kind: "server-error", status: 503 }, "ServiceUnavailable", 0],
    ["a connection cut after the query started", { kind: "drop", store: "before" }, "", 1],
  ] as const)(
    "%s to StartQuery is not retried (it may have started a query): exit 1 naming the query, window and error; the next run publishes",
    (_, fault, error, started) =>
      withLog({}, async ({ standIn, run }) => {
        standIn.faults.next("StartQuery", fault);
        const result = await run(["run"], NOW);
        expect(result.code).toBe(1);
        expect(untimed(result.stderr)).toMatch(
          new RegExp(
            `^mail-metrics: StartQuery failed \\(${SMTP}, window ${WINDOW}\\): ${error}[^\\n]*; not retried, as it may have started a query anyway`,
          ),
        );
        expect(standIn.state.requestCount("StartQuery")).toBe(1);
        expect(standIn.state.queries).toHaveLength(started);
        expect(ledgerPuts(standIn)).toHaveLength(0);

        const again = await run(["run"], NOW);
        expect(again.code, again.stderr).toBe(0);
        expect(standIn.state.requestCount("StartQuery")).toBe(2);
        expect(ledgerPuts(standIn).filter((r) => r.outcome === 200)).toHaveLength(1);
      }),
  );

  it("a single window whose result reaches queryLimit: exit 1 naming it, nothing published", () =>
    withLog({ queries: [`{ builtin: ${SMTP}, queryLimit: 13 }`] }, async ({ standIn, run }) => {
      const result = await run(["run"], NOW);
      expect(result.code).toBe(1);
      // [12:00, 12:10) reached the limit and was halved; its first window alone holds 13 rows.
      expect(result.stderr).toContain(
        `${SMTP}: window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z alone returned 13 rows, the query's row limit`,
      );
      expect(standIn.state.queries.map((q) => q.rows.length)).toEqual([13, 13]);
      expect(ledgerPuts(standIn)).toHaveLength(0);
    }));
});
