// SIGTERM (and Ctrl-C) stop new work: running queries are stopped, the state is saved, and the run
// exits non-zero with a one-line summary; the next run then completes exact totals. SIGTERM during a
// PutMetricData call (the call is finished, no further batch sent) is in fault-suite.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { putEvents, withCloud } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { at, copiesCounts, logCopies, span, zeroFillOf } from "./scene.js";
import { untimed } from "./log-lines.js";

const NOW = at(125);
const QUERIES = [SMTP, DELIVERY];

beforeAll(buildOnce, 120_000);

describe("run stopped by SIGTERM", () => {
  it("while its queries run: both are stopped, nothing is published, exit 1 with one line; the next run completes", () =>
    withCloud({ now: Date.parse(NOW), schedule: `startAt: ${at(0)}` }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0]));
      s.standIn.faults.next("StartQuery", { kind: "query", runningPolls: 5 }, { times: 2 });
      const child = s.spawn(["run"], NOW);
      await nextRequest(s.standIn, "GetQueryResults", () => child.kill("SIGTERM"));
      const stopped = await child.done;
      expect(stopped.code).toBe(1);
      expect(untimed(stopped.stdout)).toBe(
        QUERIES.map((q) => `${q}: stopped while querying; nothing of this run published for it, the next run does it\n`).join(""),
      );
      expect(untimed(stopped.stderr)).toBe(
        "mail-metrics: stopped by SIGTERM: running queries were stopped and the state saved; the next run continues from there\n",
      );
      expect(s.standIn.state.queries.map((q) => q.stopped)).toEqual([true, true]);
      expect(s.standIn.state.requestCount("PutMetricData")).toBe(0);

      const again = await s.run(["run"], NOW);
      expect(again.code, again.stderr).toBe(0);
      const expected = expectedFor(copiesCounts(QUERIES, [0]), zeroFillOf(QUERIES), [span(0, 120)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));

  it("while StartQuery's answer is on its way: the query it started is stopped once it answers; the next run completes", () =>
    withCloud({ now: Date.parse(NOW), schedule: `startAt: ${at(0)}` }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0]));
      // Each query starts at once and would run for ever; its id reaches the CLI 1.5 s later.
      s.standIn.faults
        .next("StartQuery", { kind: "query", end: "never" }, { times: 2 })
        .next("StartQuery", { kind: "delay", ms: 1500, store: "before" }, { times: 2 });
      const child = s.spawn(["run"], NOW);
      await nextRequest(s.standIn, "StartQuery", () => child.kill("SIGTERM"));
      const stopped = await child.done;
      expect(stopped.code).toBe(1);
      expect(untimed(stopped.stdout)).toBe(
        QUERIES.map((q) => `${q}: stopped while querying; nothing of this run published for it, the next run does it\n`).join(""),
      );
      expect(untimed(stopped.stderr)).toBe(
        "mail-metrics: stopped by SIGTERM: running queries were stopped and the state saved; the next run continues from there\n",
      );
      expect(s.standIn.state.queries.length).toBeGreaterThan(0);
      expect(s.standIn.state.queries.map((q) => q.stopped)).toEqual(s.standIn.state.queries.map(() => true));
      expect(s.standIn.state.requestCount("PutMetricData")).toBe(0);

      const again = await s.run(["run"], NOW);
      expect(again.code, again.stderr).toBe(0);
      const expected = expectedFor(copiesCounts(QUERIES, [0]), zeroFillOf(QUERIES), [span(0, 120)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));
});
