// `mail-metrics run` over local files with state (a host not on AWS, from cron): each closed window
// is printed once across runs, and a run without state prints every closed window.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT, runCli } from "../cli/built-cli.js";
import { tempDir } from "../support/temp-dir.js";

const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as {
  year: number;
  queries: Record<string, Record<string, Record<string, number>>>;
};
const binsOf = (query: string) => [...new Set(Object.values(expected.queries[query]!).flatMap((bins) => Object.keys(bins)))].sort();
const bins = binsOf("postfix-smtp-status");
const lastBinEnd = Date.parse(bins.at(-1)!) + 300_000;

function config(state: string, paths = `[${join(ROOT, "examples/maillog")}]`, queries = ["postfix-smtp-status"]): string {
  const dir = tempDir("mm-files-");
  const path = join(dir, "local.yaml");
  writeFileSync(
    path,
    [
      "source:",
      "  type: files",
      `  paths: ${paths}`,
      `  year: ${expected.year}`,
      "sink:",
      "  type: stdout",
      "  output: ndjson",
      "schedule:",
      `  startAt: ${bins[0]}`,
      state,
      "queries:",
      ...queries.map((query) => `  - builtin: ${query}`),
      "",
    ].join("\n"),
  );
  return path;
}

const sumByBin = (ndjson: string) => {
  const out: Record<string, number> = {};
  for (const line of ndjson.split("\n").filter(Boolean)) {
    const datum = JSON.parse(line) as { timestamp: string; value: number };
    const bin = new Date(datum.timestamp).toISOString();
    out[bin] = (out[bin] ?? 0) + datum.value;
  }
  return out;
};

const expectedByBin = (queries = ["postfix-smtp-status"]) => {
  const out: Record<string, number> = {};
  for (const query of queries) {
    for (const byBin of Object.values(expected.queries[query]!))
      for (const [bin, n] of Object.entries(byBin)) out[bin] = (out[bin] ?? 0) + n;
  }
  return out;
};

beforeAll(buildOnce, 120_000);

describe("run over local files", () => {
  it("with state, prints each closed window once however often it runs", async () => {
    const path = config(`state:\n  path: ${join(tempDir("mm-files-state-"), "state.json")}`);
    const early = new Date(Date.parse(bins[0]!) + 300_000 + 300_000).toISOString(); // only the first window is due
    const late = new Date(lastBinEnd + 300_000).toISOString();
    const first = await runCli(["run", "--config", path, "--now", early]);
    const again = await runCli(["run", "--config", path, "--now", early]);
    const rest = await runCli(["run", "--config", path, "--now", late]);
    for (const result of [first, again, rest]) expect(result.code).toBe(0);
    // stdout carries only datums; the summary goes to stderr.
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("postfix-smtp-status: no new window due");
    expect(Object.keys(sumByBin(first.stdout))).toEqual([bins[0]]);
    expect({ ...sumByBin(first.stdout), ...sumByBin(rest.stdout) }).toEqual(expectedByBin());
  });

  it("without state, prints every closed window on every run", async () => {
    const path = config("state:\n  enabled: false");
    const late = new Date(lastBinEnd + 300_000).toISOString();
    const result = await runCli(["run", "--config", path, "--now", late]);
    expect(result.code).toBe(0);
    expect(sumByBin(result.stdout)).toEqual(expectedByBin());
  });

  it("reads stdin once for every query (it is spooled to a file on the first read)", async () => {
    const queries = ["postfix-smtp-status", "postfix-delivery-status"];
    const path = config("state:\n  enabled: false", '["-"]', queries);
    const late = new Date(lastBinEnd + 300_000).toISOString();
    const result = await runCli(["run", "--config", path, "--now", late], { input: readFileSync(join(ROOT, "examples/maillog")) });
    expect(result.code, result.stderr).toBe(0);
    expect(sumByBin(result.stdout)).toEqual(expectedByBin(queries));
  });
});
