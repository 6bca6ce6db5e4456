import { describe, expect, it } from "vitest";
import { explainRange } from "../../src/cli/commands/explain.js";
import { UsageError } from "../../src/errors.js";

const W = 300_000;
const NOW = Date.parse("2026-11-29T00:42:10Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe(explainRange.name, () => {
  it("covers the last hour by default, up to the end of the window now is in", () => {
    const range = explainRange({}, NOW, W);
    expect([iso(range.from), iso(range.to)]).toEqual(["2026-11-28T23:40:00.000Z", "2026-11-29T00:45:00.000Z"]);
  });

  it("rounds --from down and --to up to whole windows, and --at is the window holding it", () => {
    const range = explainRange({ from: "2026-11-29T00:36:00Z", to: "2026-11-29T00:41:00Z" }, NOW, W);
    expect([iso(range.from), iso(range.to)]).toEqual(["2026-11-29T00:35:00.000Z", "2026-11-29T00:45:00.000Z"]);
    const at = explainRange({ at: "2026-11-29T00:37:00Z" }, NOW, W);
    expect([iso(at.from), iso(at.to)]).toEqual(["2026-11-29T00:35:00.000Z", "2026-11-29T00:40:00.000Z"]);
  });

  it("refuses --at with --from, and a range that ends before it starts", () => {
    expect(() => explainRange({ at: "2026-11-29T00:37:00Z", to: "2026-11-29T00:40:00Z" }, NOW, W)).toThrow(UsageError);
    expect(() => explainRange({ from: "2026-11-29T00:40:00Z", to: "2026-11-29T00:30:00Z" }, NOW, W)).toThrow(/is not before --to/);
  });
});
