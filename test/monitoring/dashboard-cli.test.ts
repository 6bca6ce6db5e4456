// `mail-metrics dashboard` as users run it: the built CLI against the stand-in.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { ALARMS, withConsole } from "./console-cli.js";

beforeAll(buildOnce, 120_000);

/** Every namespace a dashboard body names: in metric arrays and in SEARCH schemas. */
function namespaces(body: string): string[] {
  const searches = [...body.matchAll(/SEARCH\('\{\\?"?([^",}\\]+)/g)].map((m) => m[1]!);
  const parsed = JSON.parse(body) as { widgets: { properties: { metrics?: unknown[][] } }[] };
  const arrays = parsed.widgets
    .flatMap((w) => w.properties.metrics ?? [])
    .filter((m) => typeof m[0] === "string")
    .map((m) => m[0] as string);
  return [...searches, ...arrays];
}

describe.concurrent("mail-metrics dashboard", () => {
  it("puts a dashboard that names only the configured namespace, with the synced alarms' states", () =>
    withConsole(ALARMS, async ({ standIn, cli }) => {
      await cli(["alarms", "sync"]);
      const result = await cli(["dashboard"]);
      expect(result, result.stderr).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toBe("dashboard mail-metrics-prod: put (8 widgets, 2 alarms, region eu-west-1)\n");
      const body = standIn.state.dashboards.get("mail-metrics-prod")!;
      expect(new Set(namespaces(body))).toEqual(new Set(["Mail/Postfix"]));
      expect(namespaces(body)).toHaveLength(6);
      const alarms = (JSON.parse(body) as { widgets: { type: string; properties: { alarms?: string[] } }[] }).widgets.find(
        (w) => w.type === "alarm",
      );
      expect(alarms?.properties.alarms).toEqual([...standIn.state.alarms.values()].map((a) => a.arn));
      expect(alarms?.properties.alarms?.[0]).toMatch(/^arn:aws:cloudwatch:eu-west-1:\d{12}:alarm:mail-metrics\/prod\//);
    }));

  it("--print writes the body to stdout and puts nothing", () =>
    withConsole(ALARMS, async ({ standIn, cli }) => {
      const result = await cli(["dashboard", "--print"]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(JSON.parse(result.stdout)).toMatchObject({ widgets: expect.any(Array) });
      expect(namespaces(result.stdout).every((ns) => ns === "Mail/Postfix")).toBe(true);
      expect(standIn.state.requestCount("PutDashboard")).toBe(0);
    }));
});
