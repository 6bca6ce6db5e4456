// Windows are half-open [start, end): StartQuery's range is inclusive at whole seconds, so an event
// on a boundary second would be counted twice without the tool's own cut. The whole real log is put
// in three times, every line stamped 12:04:59.999, 12:05:00.000 and 12:05:00.999.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents } from "./cloud-fixture.js";
import { collapsedCounts, DELIVERY, expectedFor, logAt, SMTP, sumOf } from "./peer-model.js";
import { zeroFillOf } from "./scene.js";

const QUERIES = [SMTP, DELIVERY];
const W0 = Date.parse("2026-11-29T12:00:00Z");
const W1 = Date.parse("2026-11-29T12:05:00Z");
const W2 = Date.parse("2026-11-29T12:10:00Z");

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

describe.concurrent("window boundaries", () => {
  it("counts an event in the window its millisecond falls in, and in no other, over two runs", () =>
    inCloud({ now: W2, schedule: "startAt: 2026-11-29T12:00:00Z" }, async (setup) => {
      await putEvents(setup.standIn.endpoint, [...logAt(W1 - 1), ...logAt(W1), ...logAt(W1 + 999)]);
      const before = collapsedCounts(QUERIES, W0);
      const after = sumOf(collapsedCounts(QUERIES, W1), collapsedCounts(QUERIES, W1));

      const first = await setup.run(["run"], "2026-11-29T12:10:00Z");
      expect(first.code, first.stderr).toBe(0);
      const firstWindow = expectedFor(before, zeroFillOf(QUERIES), [{ from: W0, to: W1 }]);
      expect(audit(setup.standIn, firstWindow)).toEqual(exact(firstWindow));

      const second = await setup.run(["run"], "2026-11-29T12:15:00Z");
      expect(second.code, second.stderr).toBe(0);
      const all = expectedFor(sumOf(before, after), zeroFillOf(QUERIES), [{ from: W0, to: W2 }]);
      expect(audit(setup.standIn, all)).toEqual(exact(all));
      // Each run asked for its own seconds only: [12:00:00, 12:04:59] then [12:05:00, 12:09:59].
      const ranges = setup.standIn.state.queries.map((q) => [q.startTime, q.endTime]);
      expect(ranges).toEqual([
        [W0 / 1000, W1 / 1000 - 1],
        [W0 / 1000, W1 / 1000 - 1],
        [W1 / 1000, W2 / 1000 - 1],
        [W1 / 1000, W2 / 1000 - 1],
      ]);
    }));
});
