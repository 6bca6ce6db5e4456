import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import {
  binsFitStorageResolution,
  catchUpWithinWhatCloudWatchAccepts,
  cloudwatchKeysNeedCloudwatchSource,
  periodHoldsWholeBins,
  periodIsUsable,
  queryNamesUnique,
  stateOffOnlyForStdout,
} from "../../../src/config/rules/config-rules.js";
import { ConfigError } from "../../../src/errors.js";
import { tempTree } from "../temp-tree.js";
import { fakeCompile } from "../fake-compiled.js";

const query = (name: string, bin = 300_000) => `name: ${name}
query: "fields metric, count, bin | bin ${bin}"
metric: { name: "{metric}", value: count, timestamp: bin }
`;

const files = `source: { type: files, paths: [mail.log] }
sink: { type: stdout }
`;

async function issuesOf(config: string, extra: Record<string, string> = {}) {
  const dir = tempTree({ "config.yaml": config, "a.yaml": query("a"), ...extra });
  try {
    await loadConfig(join(dir, "config.yaml"), { compile: fakeCompile, env: {} });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe(periodHoldsWholeBins.name, () => {
  it("rejects a window period that is not a multiple of the query's bin", async () => {
    const error = await issuesOf(`${files}schedule:\n  period: 7m\nqueries: [{ file: a.yaml }]\n`);
    expect(error.issues).toEqual([expect.objectContaining({ path: "schedule.period", line: 4 })]);
    expect(error.message).toContain("7m is not a multiple of bin(5m) in queries[0] (a.yaml); use e.g. 5m");
  });

  it("accepts whole multiples", async () => {
    const dir = tempTree({ "config.yaml": `${files}schedule: { period: 15m }\nqueries: [{ file: a.yaml }]\n`, "a.yaml": query("a") });
    await expect(loadConfig(join(dir, "config.yaml"), { compile: fakeCompile, env: {} })).resolves.toBeDefined();
  });
});

describe(stateOffOnlyForStdout.name, () => {
  it("rejects a disabled state with the cloudwatch sink", async () => {
    const config = `source: { type: files, paths: [mail.log] }\nsink: { type: cloudwatch, namespace: Mail/Postfix }\nstate:\n  enabled: false\nqueries: [{ file: a.yaml }]\n`;
    const error = await issuesOf(config);
    expect(error.issues).toEqual([expect.objectContaining({ path: "state.enabled", line: 4 })]);
    expect(error.message).toContain("only allowed with sink type stdout");
  });
});

describe(queryNamesUnique.name, () => {
  it("rejects two entries with the same query name", async () => {
    const error = await issuesOf(`${files}queries:\n  - file: a.yaml\n  - file: b.yaml\n`, { "b.yaml": query("a") });
    expect(error.issues).toEqual([expect.objectContaining({ path: "queries[1]", line: 5 })]);
    expect(error.message).toContain('query name "a" (b.yaml) is already used by queries[0] (a.yaml)');
  });
});

describe(cloudwatchKeysNeedCloudwatchSource.name, () => {
  it("rejects logGroups and queryLimit for a files source", async () => {
    const error = await issuesOf(`${files}queries:\n  - file: a.yaml\n    logGroups: [x]\n    queryLimit: 5\n`);
    expect(error.issues.map((issue) => [issue.path, issue.line])).toEqual([
      ["queries[0].logGroups", 5],
      ["queries[0].queryLimit", 6],
    ]);
    expect(error.message).toContain("only used with source type cloudwatch-logs (this source is files)");
  });
});

describe(periodIsUsable.name, () => {
  it("rejects a catch-up shorter than one window, which could never publish", async () => {
    const error = await issuesOf(`${files}schedule:\n  maxCatchUp: 4m\nqueries: [{ file: a.yaml }]\n`);
    expect(error.issues).toEqual([expect.objectContaining({ path: "schedule.maxCatchUp", line: 4 })]);
    expect(error.message).toContain("use at least 5m");
  });

  it("rejects a zero period", async () => {
    const error = await issuesOf(`${files}schedule:\n  period: 0m\nqueries: [{ file: a.yaml }]\n`);
    expect(error.issues).toContainEqual(expect.objectContaining({ path: "schedule.period", line: 4 }));
  });
});

describe(binsFitStorageResolution.name, () => {
  const cloud = `source: { type: cloudwatch-logs, logGroups: [/mail] }
sink:
  type: cloudwatch
  namespace: Mail/Postfix
`;
  it("rejects sub-minute bins on standard-resolution metrics, which CloudWatch would merge", async () => {
    const error = await issuesOf(`${cloud}schedule: { period: 1m }\nqueries: [{ file: b.yaml }]\n`, { "b.yaml": query("b", 30_000) });
    expect(error.issues).toEqual([expect.objectContaining({ path: "sink.storageResolution" })]);
    expect(error.message).toContain("bins by 30s, but standard-resolution metrics are stored per minute");
  });

  it("allows them at high resolution", async () => {
    const dir = tempTree({
      "config.yaml": `${cloud}  storageResolution: 1\nschedule: { period: 1m }\nqueries: [{ file: b.yaml }]\n`,
      "b.yaml": query("b", 30_000),
    });
    await expect(loadConfig(join(dir, "config.yaml"), { compile: fakeCompile, env: {} })).resolves.toBeDefined();
  });
});

describe(catchUpWithinWhatCloudWatchAccepts.name, () => {
  const cloudwatch = "source: { type: files, paths: [mail.log] }\nsink: { type: cloudwatch, namespace: Mail/Postfix }\n";

  it("rejects a catch-up reaching back further than PutMetricData accepts, naming the most that works", async () => {
    const error = await issuesOf(`${cloudwatch}schedule:\n  maxCatchUp: 9999d\nqueries: [{ file: a.yaml }]\n`);
    expect(error.issues).toEqual([expect.objectContaining({ path: "schedule.maxCatchUp", line: 4 })]);
    expect(error.message).toContain("9999d reaches back further than CloudWatch accepts data points (two weeks, PutMetricData)");
    expect(error.message).toContain("use at most 13d");
  });

  it("accepts that most, and any catch-up with a sink that takes any age", async () => {
    const ok = (config: string) =>
      loadConfig(join(tempTree({ "config.yaml": config, "a.yaml": query("a") }), "config.yaml"), { compile: fakeCompile, env: {} });
    await expect(ok(`${cloudwatch}schedule: { maxCatchUp: 13d }\nqueries: [{ file: a.yaml }]\n`)).resolves.toBeDefined();
    await expect(ok(`${files}schedule: { maxCatchUp: 60d }\nqueries: [{ file: a.yaml }]\n`)).resolves.toBeDefined();
  });
});
