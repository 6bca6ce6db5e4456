// Logs Insights can return stats rows that are empty or lack a cell (grafana/grafana#24683, #24702).
// Such a row gives no datum; the window is still published, the summary says how many rows and
// which fields they lacked, and the query goes on publishing. Zero-fill stays out of any bin such a
// row may belong to, where a 0 could stand for the count it would have carried.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents } from "./cloud-fixture.js";
import { expectedFor, keyOf, SMTP, within } from "./peer-model.js";
import { at, copiesCounts, logCopies, span, zeroFillOf } from "./scene.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

describe.concurrent("incomplete result rows", { timeout: 180_000 }, () => {
  it("an empty row and a row without its count give no datum; the window is published, the summary counts them, the next window follows", () =>
    inCloud({ now: Date.parse(at(10)), queries: [SMTP], schedule: `startAt: ${at(0)}` }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0, 5]));
      s.standIn.faults.next("StartQuery", { kind: "query", emptyRows: 1, missingCells: { fields: ["count"] } });
      const first = await s.run(["run"], at(10));
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toBe("");
      expect(first.stdout).toContain(`${SMTP}: published 1 window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z: `);
      expect(first.stdout).toContain("; 2 result rows without binStart or count or metric gave no datum");

      // The row that lost its count names its metric and bin: that datum alone is missing. The empty
      // row has no bin, so no zero is published anywhere in the window.
      const holed = s.standIn.state.queries[0]!.rows[1]!;
      const metric = holed.find((cell) => cell.field === "metric")!.value;
      const lost = keyOf(metric, Date.parse(`${holed.find((cell) => cell.field === "binStart")!.value}Z`));
      const counts = copiesCounts([SMTP], [0, 5]);
      const firstWindow = within(counts, [span(0, 5)]);
      expect(firstWindow.delete(lost)).toBe(true);

      const second = await s.run(["run"], at(15));
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).not.toContain("gave no datum");
      const expected = new Map([...firstWindow, ...expectedFor(counts, zeroFillOf([SMTP]), [span(5, 10)])]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));
});
