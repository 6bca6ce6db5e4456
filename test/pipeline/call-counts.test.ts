// What a run costs in calls: one StartQuery per query however many windows it covers, and the
// fewest PutMetricData calls the 1,000-datum limit allows (the 1 MB limit does not bind here).
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact, ledgerPuts } from "./audit.js";
import { cloudSlots, putEvents } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, shippedZeroFill, SMTP, sumOf } from "./peer-model.js";
import { at, copiesCounts, logCopies, span, withZeroFill, zeroFillNames } from "./scene.js";

const inCloud = cloudSlots();
const names = zeroFillNames(120);
beforeAll(buildOnce, 120_000);

describe.concurrent("run: calls per run", () => {
  it("24 windows of two queries: 2 StartQuery calls, and ceil(datums / 1000) PutMetricData calls per query", () =>
    inCloud({ now: Date.parse(at(125)), queries: [withZeroFill(SMTP, names), DELIVERY], schedule: `startAt: ${at(0)}` }, async (setup) => {
      await putEvents(setup.standIn.endpoint, logCopies([0, 60]));
      const range = [span(0, 120)];
      const smtp = expectedFor(copiesCounts([SMTP], [0, 60]), names, range);
      const delivery = expectedFor(copiesCounts([DELIVERY], [0, 60]), shippedZeroFill(DELIVERY), range);

      const result = await setup.run(["run"], at(125));
      expect(result.code, result.stderr).toBe(0);
      expect(audit(setup.standIn, sumOf(smtp, delivery))).toEqual(exact(sumOf(smtp, delivery)));
      expect(setup.standIn.state.requestCount("StartQuery")).toBe(2);
      expect(smtp.size).toBeGreaterThan(2000);
      expect(ledgerPuts(setup.standIn)).toHaveLength(Math.ceil(smtp.size / 1000) + Math.ceil(delivery.size / 1000));
      expect(result.stdout).toContain(
        `${SMTP}: published 24 windows 2026-11-29T12:00:00Z–2026-11-29T14:00:00Z: ${smtp.size} datums in 3 batches; 1 query`,
      );
    }));
});
