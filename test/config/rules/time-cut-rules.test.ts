import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { carriedBinsDivideThePeriod, queryNumbersIndependentOfCut } from "../../../src/config/rules/time-cut-rules.js";
import { configErrorOf } from "../config-error-of.js";
import { tempTree } from "../temp-tree.js";

const CONFIG = `source: { type: files, paths: [mail.log] }
sink: { type: stdout }
state: { enabled: false }
queries:
  - file: own.yaml
`;

/** A query definition whose query text is `query` (one command a line), mapping n per k at t. */
const own = (query: string, name = "own") => `name: ${name}
query: |
  ${query.split("\n").join("\n  ")}
metric: { name: "{k}", value: n, timestamp: t }
`;

const PER_BIN = String.raw`parse @message /k=(?<k>[a-z]+)/
| stats count(*) as n by k, bin(5m) as t`;

async function load(files: Record<string, string>) {
  const dir = tempTree({ "config.yaml": CONFIG, ...files });
  return loadConfig(join(dir, "config.yaml"), { env: {} });
}

const issuesOf = (files: Record<string, string>) => configErrorOf(load(files));

describe(queryNumbersIndependentOfCut.name, () => {
  it("accepts a stats per bin, with a filter on the counts and a sort after it", async () => {
    await expect(load({ "own.yaml": own(`${PER_BIN}\n| filter n > 5\n| sort n desc`) })).resolves.toBeDefined();
  });

  it("refuses `sort … | limit` after stats in the query file, at the limit, with the reason and the fix", async () => {
    const error = await issuesOf({ "own.yaml": own(`${PER_BIN}\n| sort n desc\n| limit 3`) });
    expect(error.issues).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/own\.yaml$/), path: "query", line: 6, column: 5 }),
    ]);
    expect(error.message).toMatch(
      /own\.yaml:6:5: query: limit 3 keeps 3 rows of the whole range one run queries, .*; remove it \(every row becomes a datum\) \(4:3\)/,
    );
  });

  it("refuses dedup, and a stats without a bin, each where it is", async () => {
    const error = await issuesOf({
      "own.yaml": own(String.raw`parse @message /k=(?<k>[a-z]+)/
| dedup k`).replace("{k}", "x"),
    });
    expect(error.issues.map((issue) => [issue.path, issue.line])).toEqual([["query", 4]]);
    expect(error.message).toContain("count distinct values per bin with count_distinct(field) in the stats");
    const noBin = await issuesOf({
      "own.yaml": own(String.raw`parse @message /k=(?<k>[a-z]+)/
| stats count(*) as n, max(@timestamp) as t by k`),
    });
    expect(noBin.issues.map((issue) => [issue.path, issue.line])).toEqual([["query", 4]]);
    expect(noBin.message).toContain("group it by a bin of schedule.period or a divisor of it, e.g. `by metric, bin(5m) as binStart`");
  });

  it("says whether a limit keeps events or rows, and names the bin fields a later stats lost or left out", async () => {
    const messageOf = async (query: string) => {
      const error = await issuesOf({ "own.yaml": own(query).replace("value: n", "value: s") });
      return error.issues.filter((issue) => issue.path === "query").map((issue) => `${issue.line}:${issue.column}: ${issue.message}`);
    };
    expect(await messageOf(`limit 5\n| ${PER_BIN}\n| fields n as s`)).toEqual([
      expect.stringMatching(
        /^3:3: limit 5 keeps 5 events of the whole range one run queries, .*; remove it \(every row becomes a datum\) \(1:1\)$/,
      ),
    ]);
    expect(await messageOf(`${PER_BIN}\n| fields 1 as t\n| stats sum(n) as s by t, k`)).toEqual([
      expect.stringMatching(
        /^6:5: this stats adds up rows of different bins \(no field holds the earlier stats' bin any more\), .*; keep the bin field and add it to this stats' by \(4:3\)$/,
      ),
    ]);
    expect(await messageOf(`${PER_BIN}\n| fields t as u\n| stats sum(n) as s by k`)).toEqual([
      expect.stringMatching(/^6:5: this stats groups by none of the earlier stats' bin fields \(t, u\), .*; add t to its by \(4:3\)$/),
    ]);
  });

  it("reports the hazards of every query file with the other problems, at once", async () => {
    const error = await issuesOf({
      "config.yaml": `${CONFIG}  - file: two.yaml\n`,
      "own.yaml": own(`${PER_BIN}\n| limit 3`).replace("value: n", "value: cnt"),
      "two.yaml": own(`limit 9\n| ${PER_BIN}`, "two"),
    });
    expect(error.issues.map((issue) => [issue.file?.replace(/.*\//, "") ?? "config", issue.path, issue.line])).toEqual([
      ["config", "queries[0] (own.yaml) metric.value", 5],
      ["own.yaml", "query", 5],
      ["two.yaml", "query", 3],
    ]);
  });
});

describe(carriedBinsDivideThePeriod.name, () => {
  it("accepts a second stats grouped by the first one's bin", async () => {
    const query = `${PER_BIN}\n| stats count(*) as kinds by t\n| fields "kinds" as k, kinds as n`;
    await expect(load({ "own.yaml": own(query) })).resolves.toBeDefined();
  });

  it("refuses a carried bin that does not divide the period, which periodHoldsWholeBins cannot see", async () => {
    const query = `${PER_BIN.replace("bin(5m)", "bin(7m)")}\n| stats count(*) as kinds by t\n| fields "kinds" as k, kinds as n`;
    const error = await issuesOf({ "own.yaml": own(query) });
    expect(error.issues).toEqual([expect.objectContaining({ path: "schedule.period" })]);
    expect(error.message).toContain("5m is not a multiple of bin(7m) of the first stats in queries[0] (own.yaml)");
  });

  it("refuses a second stats that adds up the bins", async () => {
    const error = await issuesOf({ "own.yaml": own(`${PER_BIN}\n| stats sum(n) as total by k`).replace("value: n", "value: total") });
    expect(error.issues.map((issue) => [issue.path, issue.line])).toContainEqual(["query", 5]);
    expect(error.message).toContain("groups by none of the earlier stats' bin fields (t)");
    expect(error.message).toContain("add t to its by");
  });
});
