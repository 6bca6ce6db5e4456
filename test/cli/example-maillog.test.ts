// End to end on a log a real Postfix wrote (examples/maillog): `mail-metrics query` must produce
// exactly the counts the postfix harness derived from its scripted peer's record, per metric and bin.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, buildOnce, runCli } from "./built-cli.js";
import { ndjson } from "./fixtures.js";

beforeAll(buildOnce);

interface Expected {
  readonly year: number;
  readonly timezone: string;
  readonly queries: Record<string, Record<string, Record<string, number>>>;
}

const expected = JSON.parse(readFileSync(join(ROOT, "examples", "maillog.expected.json"), "utf8")) as Expected;

describe("mail-metrics query over examples/maillog", () => {
  it.each(Object.keys(expected.queries))("%s counts what the peer record says", async (name) => {
    const result = await runCli(["query", name, "examples/maillog", "--year", String(expected.year), "--timezone", expected.timezone]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const counts: Record<string, Record<string, number>> = {};
    for (const datum of ndjson(result.stdout) as { name: string; timestamp: string; value: number }[]) {
      if (datum.value === 0) continue; // zero-fills are not in the expectation file
      (counts[datum.name] ??= {})[new Date(datum.timestamp).toISOString()] = datum.value;
    }
    expect(counts).toEqual(expected.queries[name]);
  });
});
