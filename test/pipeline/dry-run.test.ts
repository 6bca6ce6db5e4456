// `run --dry-run` prints what a run would publish (ndjson here) and publishes nothing; it reads the
// state but never writes it, so a real run afterwards publishes exactly what the dry run showed.
import { existsSync, readFileSync, statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { ndjson } from "../cli/fixtures.js";
import { audit, exact, isHeartbeat } from "./audit.js";
import { cloudSlots, putEvents } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, keyOf, SMTP, type Expected } from "./peer-model.js";
import { at, copiesCounts, logCopies, span, zeroFillOf } from "./scene.js";

const QUERIES = [SMTP, DELIVERY];
const COUNTS = copiesCounts(QUERIES, [0, 15]);

const inCloud = cloudSlots();
const SETUP = { now: Date.parse(at(15)), schedule: `startAt: ${at(0)}` };
beforeAll(buildOnce, 120_000);

/** The printed datums in the audit's terms (values keyed metric @ bin). */
function printed(stdout: string): Expected {
  const datums = ndjson(stdout) as { name: string; timestamp: string; value: number }[];
  return new Map(datums.map((d) => [keyOf(d.name, Date.parse(d.timestamp)), d.value]));
}

describe.concurrent("run --dry-run", { timeout: 180_000 }, () => {
  it("prints the datums of the due windows, publishes nothing and writes no state", () =>
    inCloud(SETUP, async (setup) => {
      await putEvents(setup.standIn.endpoint, logCopies([0, 15]));
      const result = await setup.run(["run", "--dry-run", "--output", "ndjson"], at(15));
      expect(result.code, result.stderr).toBe(0);
      expect(printed(result.stdout)).toEqual(expectedFor(COUNTS, zeroFillOf(QUERIES), [span(0, 10)]));
      expect(result.stderr).toContain(`${SMTP}: would publish 2 windows`);
      expect(setup.standIn.state.requestCount("PutMetricData")).toBe(0);
      expect(existsSync(setup.statePath)).toBe(false);
      expect(existsSync(`${setup.statePath}.lock`)).toBe(false);
    }));

  it("after a real run, previews the next windows without touching the state; the real run then publishes just that", () =>
    inCloud(SETUP, async (setup) => {
      await putEvents(setup.standIn.endpoint, logCopies([0, 15]));
      expect((await setup.run(["run"], at(15))).code).toBe(0);
      const published = setup.standIn.state.datums.length;
      const before = { text: readFileSync(setup.statePath, "utf8"), mtime: statSync(setup.statePath).mtimeMs };

      const preview = await setup.run(["run", "--dry-run", "--output", "ndjson"], at(30));
      expect(preview.code, preview.stderr).toBe(0);
      expect(printed(preview.stdout)).toEqual(expectedFor(COUNTS, zeroFillOf(QUERIES), [span(10, 25)]));
      expect(setup.standIn.state.datums).toHaveLength(published);
      expect({ text: readFileSync(setup.statePath, "utf8"), mtime: statSync(setup.statePath).mtimeMs }).toEqual(before);

      expect((await setup.run(["run"], at(30))).code).toBe(0);
      const all = expectedFor(COUNTS, zeroFillOf(QUERIES), [span(0, 25)]);
      expect(audit(setup.standIn, all)).toEqual(exact(all));
    }));

  it("after a backfill ran ahead of cron, shows exactly the datums and queries the run then publishes", () =>
    inCloud({ now: Date.parse(at(240)) }, async (setup) => {
      await putEvents(setup.standIn.endpoint, logCopies([0, 60, 120, 180]));
      expect((await setup.run(["run"], at(15))).code).toBe(0);
      expect((await setup.run(["backfill", "--from", at(120), "--to", at(180)], at(240))).code).toBe(0);
      const queriesBefore = setup.standIn.state.queries.length;
      const preview = await setup.run(["run", "--dry-run", "--output", "ndjson"], at(240));
      expect(preview.code, preview.stderr).toBe(0);
      const previewQueries = setup.standIn.state.queries.slice(queriesBefore).map((q) => [q.startTime, q.endTime]);
      const datumsBefore = setup.standIn.state.datums.length;
      expect((await setup.run(["run"], at(240))).code).toBe(0);
      const runQueries = setup.standIn.state.queries.slice(queriesBefore + previewQueries.length).map((q) => [q.startTime, q.endTime]);
      // The run's heartbeat is not what a dry run shows: it is no query's datum.
      const published = setup.standIn.state.datums
        .slice(datumsBefore)
        .filter((d) => !isHeartbeat(d))
        .map((d) => keyOf(d.metricName, d.timestamp));
      expect([...printed(preview.stdout).keys()].sort()).toEqual(published.sort());
      expect(previewQueries).toEqual(runQueries);
      expect(previewQueries).toHaveLength(4);
    }));
});
