// A batch of unknown fate is settled by read-back (GetMetricData) on a later run. When that call
// fails — CloudWatch trouble, or a policy without cloudwatch:GetMetricData — the batch stays
// pending, the run says which query it is about, and the query's new windows are still published.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents } from "./cloud-fixture.js";
import { expectedFor, SMTP } from "./peer-model.js";
import { at, copiesCounts, logCopies, ms, span, zeroFillOf } from "./scene.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

describe("a read-back that fails", { timeout: 180_000 }, () => {
  it("keeps the batch pending and names the query, publishes the new windows, and a later run settles it", () =>
    inCloud({ now: ms(35), queries: [SMTP] }, async (setup) => {
      const copies = [0, 5, 10];
      await putEvents(setup.standIn.endpoint, logCopies(copies));
      setup.standIn.faults.next("PutMetricData", { kind: "server-error" });
      expect((await setup.run(["run"], at(10))).code).toBe(1);

      setup.standIn.faults.next("GetMetricData", { kind: "server-error" }, { times: 100 });
      const blocked = await setup.run(["run"], at(15));
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toMatch(
        new RegExp(`${SMTP}: could not settle the datums of unknown fate, which stay pending for the next run: .*GetMetricData`),
      );
      expect(blocked.stdout).toContain(`${SMTP}: published 1 window 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z`);
      expect(blocked.stdout).toMatch(/datums? of unknown fate await read-back on a later run/);

      setup.standIn.faults.clear();
      const settled = await setup.run(["run"], at(35));
      expect(settled.code, settled.stderr).toBe(0);
      const expected = expectedFor(copiesCounts([SMTP], copies), zeroFillOf([SMTP]), [span(0, 30)]);
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
    }));
});
