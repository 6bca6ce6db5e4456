import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { ConfigError } from "../../src/errors.js";
import { QuerySyntaxError } from "../../src/insights/errors.js";
import { tempTree } from "./temp-tree.js";
import { fakeCompile } from "./fake-compiled.js";

const QUERY = `name: test-query
query: |
  fields metric, count, bin | bin 300000
metric:
  name: "{metric}"
  value: count
  timestamp: bin
`;

const CONFIG = `source:
  type: files
  paths: [mail.log]
sink:
  type: stdout
queries:
  - file: q.yaml
`;

async function load(files: Record<string, string>, env: Record<string, string> = {}) {
  const dir = tempTree({ "q.yaml": QUERY, ...files });
  return loadConfig(join(dir, "config.yaml"), { compile: fakeCompile, env });
}

async function failure(files: Record<string, string>): Promise<Error> {
  return load(files).then(
    () => {
      throw new Error("expected the config to be rejected");
    },
    (error: Error) => error,
  );
}

async function configError(files: Record<string, string>): Promise<ConfigError> {
  const error = await failure(files);
  if (!(error instanceof ConfigError)) throw error;
  return error;
}

describe(loadConfig.name, () => {
  it("resolves a file: query relative to the config and compiles it", async () => {
    const loaded = await load({ "config.yaml": CONFIG });
    expect(loaded.config.source).toMatchObject({ type: "files", timezone: "UTC", paths: [join(loaded.path, "..", "mail.log")] });
    expect(loaded.config.schedule.period).toBe(300_000);
    expect(loaded.queries).toHaveLength(1);
    const [query] = loaded.queries;
    expect(query).toMatchObject({ name: "test-query", index: 0, displayFile: "q.yaml", logGroups: [], queryLimit: undefined });
    expect(query!.sourceFile).toBe(join(loaded.path, "..", "q.yaml"));
    expect(query!.compiled.outputFields).toEqual(["metric", "count", "bin"]);
    expect(query!.mapping).toMatchObject({ name: "{metric}", unit: "Count", dimensions: {}, zeroFill: [] });
  });

  it("merges per-query overrides: dimensions added, zeroFill replaced, logGroups and queryLimit per query", async () => {
    const query = QUERY.replace("timestamp: bin", "timestamp: bin\n  dimensions: { Host: mx-1 }\n  zeroFill: [a]");
    const config = `source: { type: cloudwatch-logs, logGroups: [/var/log/mail.log], queryLimit: 500 }
sink: { type: cloudwatch, namespace: Mail/Postfix }
queries:
  - file: q.yaml
    dimensions: { Relay: mx-2 }
    zeroFill: [550-5_7_26]
    logGroups: [other]
  - file: q2.yaml
    queryLimit: 20
`;
    const loaded = await load({ "config.yaml": config, "q.yaml": query, "q2.yaml": QUERY.replace("test-query", "second") });
    expect(loaded.queries[0]!.mapping.dimensions).toEqual({ Host: "mx-1", Relay: "mx-2" });
    expect(loaded.queries[0]!.mapping.zeroFill).toEqual(["550-5_7_26"]);
    expect(loaded.queries[0]).toMatchObject({ logGroups: ["other"], queryLimit: 500 });
    expect(loaded.queries[1]).toMatchObject({ logGroups: ["/var/log/mail.log"], queryLimit: 20 });
  });

  it("reads relative source paths against the config's directory, keeping absolute ones and -", async () => {
    const loaded = await load({ "config.yaml": CONFIG.replace("paths: [mail.log]", "paths: [logs/mail.log*, /var/log/mail.log, '-']") });
    expect(loaded.config.source.type === "files" && loaded.config.source.paths).toEqual([
      join(loaded.path, "..", "logs", "mail.log*"),
      "/var/log/mail.log",
      "-",
    ]);
  });

  it("replaces ${VARIABLES} before parsing", async () => {
    const config = CONFIG.replace("type: stdout", "type: ${SINK:-stdout}\n  output: ${FORMAT}");
    const loaded = await load({ "config.yaml": config }, { FORMAT: "json" });
    expect(loaded.config.sink).toEqual({ type: "stdout", output: "json" });
  });

  it("reports an unknown key with its line, the closest key and the allowed keys", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("  paths: [mail.log]", "  paths: [mail.log]\n  tmezone: UTC") });
    expect(error.issues).toEqual([expect.objectContaining({ path: "source.tmezone", line: 4 })]);
    expect(error.message).toMatch(/config\.yaml:4: source\.tmezone: unknown key; did you mean timezone\?/);
    expect(error.message).toContain("allowed keys: type, paths, timezone, year");
  });

  it("reports a value of the wrong type with its line and the value", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("paths: [mail.log]", "paths: mail.log") });
    expect(error.issues[0]).toMatchObject({ path: "source.paths", line: 3 });
    expect(error.message).toContain('expected a list, got "mail.log"');
  });

  it("reports an unknown source type with the types there are", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("type: files", "type: file") });
    expect(error.issues[0]).toMatchObject({ path: "source.type", line: 2 });
    expect(error.message).toContain('"file" is not allowed; did you mean files?; use one of: cloudwatch-logs, files');
  });

  it("reports a missing required key at its parent's line", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("sink:\n  type: stdout\n", "") });
    expect(error.issues[0]).toMatchObject({ path: "sink" });
    expect(error.message).toContain("sink: missing; add it (a mapping)");
  });

  it("reports every problem at once", async () => {
    const error = await configError({
      "config.yaml": `${CONFIG.replace("type: stdout", "type: stdout\n  output: xml")}schedule: { period: 5x }\n`,
    });
    expect(error.issues.map((issue) => issue.path)).toEqual(["sink.output", "schedule.period"]);
    expect(error.message).toContain('"xml" is not allowed; use one of: table, json, ndjson');
    expect(error.message).toContain('"5x" is not a duration');
  });

  it("says a duration given as a bare number needs a unit", async () => {
    const error = await configError({ "config.yaml": `${CONFIG}schedule:\n  lag: 5\n` });
    expect(error.message).toMatch(
      /config\.yaml:\d+: schedule\.lag: 5 is not a duration; write it like 30s, 5m, 1h or 1h30m \(a number alone has no unit\)/,
    );
  });

  it("rejects a time zone that is not in the IANA database", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("paths: [mail.log]", "paths: [mail.log]\n  timezone: Europe/Berln") });
    expect(error.message).toMatch(/config\.yaml:4: source\.timezone: .*"Europe\/Berln" is not an IANA time zone/);
  });

  it("reports invalid YAML at file:line:col with the parser's reason", async () => {
    const error = await configError({ "config.yaml": "source:\n  type: files\n  paths: [a, b\nsink: x\n" });
    expect(error.issues[0]!.line).toBeGreaterThanOrEqual(3);
    expect(error.issues[0]!.column).toBeGreaterThan(0);
    expect(error.message).toMatch(/config\.yaml:\d+:\d+: invalid YAML: /);
  });

  it("says what size a list or string needs", async () => {
    const error = await configError({
      "config.yaml": CONFIG.replace("paths: [mail.log]", "paths: ['']")
        .replace("  - file: q.yaml", "  []")
        .replace("queries:\n", "queries:"),
    });
    expect(error.message).toContain("source.paths[0]: must not be empty");
    expect(error.message).toContain("queries: has 0 items; needs at least 1");
  });

  it("blames the config's dimension when it breaks the query's zeroFill", async () => {
    const query = QUERY.replace("timestamp: bin", "timestamp: bin\n  zeroFill: [x]");
    const config = CONFIG.replace("- file: q.yaml", "- file: q.yaml\n    dimensions: { Metric: '{metric}' }");
    const error = await configError({ "config.yaml": config, "q.yaml": query });
    expect(error.issues).toEqual([expect.objectContaining({ path: "queries[0].dimensions.Metric", line: 8 })]);
    expect(error.message).toContain("zeroFill (x) needs dimensions whose values are known without a row");
    expect(error.message).toContain("set zeroFill: []");
  });

  it("reads a key with an empty value as absent, so its defaults apply", async () => {
    const loaded = await load({ "config.yaml": `${CONFIG}state:\n  # path: /var/lib/x.json\nschedule:\n` });
    expect(loaded.config.state).toEqual({ enabled: true, strictModes: true, stuckAfter: 3_600_000 });
    expect(loaded.config.schedule.period).toBe(300_000);
    const error = await configError({ "config.yaml": CONFIG.replace("sink:\n  type: stdout\n", "sink:\n") });
    expect(error.message).toContain("config.yaml:4: sink: expected a mapping, got an empty value");
  });

  it("says an empty file is not a config", async () => {
    const error = await configError({ "config.yaml": "" });
    expect(error.message).toContain("the file is empty or not a YAML mapping");
  });

  it("names a missing config file", async () => {
    const error = await loadConfig("/nonexistent/prod.yaml").catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe("/nonexistent/prod.yaml: cannot read: no such file");
  });

  it("names a missing builtin query with the key, line, looked-up path and the shipped queries", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("- file: q.yaml", "- builtin: postfix-smtp-stats") });
    expect(error.file).toMatch(/config\.yaml$/);
    expect(error.issues[0]).toMatchObject({ path: "queries[0].builtin", line: 7 });
    expect(error.message).toMatch(/no shipped query "postfix-smtp-stats" \(looked for \/.*\/queries\/postfix-smtp-stats\.yaml\)/);
    expect(error.message).toContain("did you mean postfix-smtp-status?");
    expect(error.message).toContain("shipped queries: postfix-delivery-status, postfix-smtp-status");
  });

  it("names a missing query file with its path resolved against the config's directory", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("file: q.yaml", "file: sub/nope.yaml") });
    expect(error.issues[0]).toMatchObject({ path: "queries[0].file", line: 7 });
    expect(error.message).toMatch(
      /cannot read "sub\/nope\.yaml" \(resolved to \/.*\/sub\/nope\.yaml, relative to the config file\): no such file/,
    );
  });

  it("names a query file: that is a directory at its key and line, like a missing one", async () => {
    const error = await configError({ "config.yaml": CONFIG.replace("file: q.yaml", "file: sub"), "sub/q.yaml": QUERY });
    expect(error.issues).toEqual([expect.objectContaining({ path: "queries[0].file", line: 7 })]);
    expect(error.message).toMatch(
      /config\.yaml:7: queries\[0\]\.file: cannot read "sub" \(resolved to \/.*\/sub, relative to the config file\): it is a directory/,
    );
  });

  it("reports a query file's own schema problems against that file", async () => {
    const error = await configError({ "config.yaml": CONFIG, "q.yaml": QUERY.replace("value: count", "value: count\n  valu: x") });
    expect(error.file).toMatch(/q\.yaml$/);
    expect(error.message).toMatch(/q\.yaml:7: metric\.valu: unknown key; did you mean value\?/);
  });

  it("reports a query syntax error at its line and column in the YAML file", async () => {
    const query = QUERY.replace("  fields metric, count, bin | bin 300000", "  fields metric\n  | SYNTAX ERROR AT 2:3");
    const error = await failure({ "config.yaml": CONFIG, "q.yaml": query });
    // The query file's error, with the engine's (its code and position in the query) as the cause.
    expect(error).toBeInstanceOf(ConfigError);
    const syntax = (error as ConfigError).cause as QuerySyntaxError;
    expect(syntax).toBeInstanceOf(QuerySyntaxError);
    expect([syntax.code, syntax.line, syntax.column]).toEqual(["E_PARSE_EXPECTED", 2, 3]);
    // Line 2 of the block scalar is line 4 of the file; its 2-space indent shifts the column by 2.
    expect((error as ConfigError).message).toMatch(/q\.yaml:4:5: query: expected a command \(2:3\) \[E_PARSE_EXPECTED\]/);
  });

  it("reports every broken query file with the config's own issues, each naming its file", async () => {
    const config = CONFIG.replace("  - file: q.yaml\n", "  - file: q.yaml\n  - file: r.yaml\n  - file: gone.yaml\n  - file: s.yaml\n");
    const syntax = QUERY.replace("  fields metric, count, bin | bin 300000", "  fields metric\n  | SYNTAX ERROR AT 2:3");
    const error = await configError({
      "config.yaml": config,
      "q.yaml": syntax,
      "r.yaml": QUERY.replace("value: count", "value: count\n  valu: count"),
      "s.yaml": "name: [",
    });
    expect(error.file).toMatch(/config\.yaml$/);
    expect(error.issues).toEqual([
      {
        file: expect.stringMatching(/q\.yaml$/),
        path: "query",
        line: 4,
        column: 5,
        message: "expected a command (2:3) [E_PARSE_EXPECTED]",
      },
      expect.objectContaining({ file: expect.stringMatching(/r\.yaml$/), path: "metric.valu", line: 7 }),
      { path: "queries[2].file", line: 9, message: expect.stringContaining('cannot read "gone.yaml"') },
      expect.objectContaining({ file: expect.stringMatching(/s\.yaml$/), path: "", line: 1 }),
    ]);
    expect(error.message.split("\n")[0]).toMatch(/q\.yaml:4:5: query: expected a command \(2:3\) \[E_PARSE_EXPECTED\]$/);
  });

  it("rejects a mapping field the query does not produce, pointing at both files", async () => {
    const error = await configError({ "config.yaml": CONFIG, "q.yaml": QUERY.replace("value: count", "value: cnt") });
    expect(error.issues[0]).toMatchObject({ path: "queries[0] (q.yaml) metric.value", line: 7 });
    expect(error.message).toContain(
      'queries[0] (q.yaml) metric.value: field "cnt" is not produced by the query (it produces: metric, count, bin)',
    );
    expect(error.message).toContain("did you mean count?; see q.yaml:6");
  });

  it("points at the config's own dimension override when its placeholder is not produced", async () => {
    const config = CONFIG.replace("- file: q.yaml", "- file: q.yaml\n    dimensions: { Domain: '{domain}' }");
    const error = await configError({ "config.yaml": config });
    expect(error.issues[0]).toMatchObject({ path: "queries[0].dimensions.Domain", line: 8 });
    expect(error.message).toContain('field "domain" is not produced by the query');
  });
});

describe("a config dimension on a field the query's events have", () => {
  const REAL = `name: per-relay
query: |
  filter @message like /status=/
  | parse @message /status=(?<status>[a-z]+)/
  | parse @message /relay=(?<relay>[^\\[,]+)/
  | stats count(*) as count by status, bin(5m) as binStart
metric:
  name: "{status}"
  value: count
  timestamp: binStart
`;
  const loadReal = (entry: string, query = REAL) =>
    loadConfig(
      join(tempTree({ "q.yaml": query, "config.yaml": CONFIG.replace("- file: q.yaml", `- file: q.yaml\n${entry}`) }), "config.yaml"),
      { env: {} },
    );

  it("groups the stats by that field too, leaving the definition's own query as written", async () => {
    const loaded = await loadReal("    dimensions: { Relay: '{relay}' }");
    const query = loaded.queries[0]!;
    expect(query.compiled.text).toContain("stats count(*) as count by relay, status, bin(5m) as binStart");
    expect(query.definition.query).toContain("by status, bin(5m) as binStart");
    expect(query.compiled.outputFields).toEqual(["relay", "status", "binStart", "count"]);
  });

  it("names the dimension when the field is not assigned before the stats", async () => {
    const error = await loadReal("    dimensions: { Relay: '{relayy}' }").then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({ path: "queries[0].dimensions.Relay", line: 8 });
    expect(error!.message).toContain(
      'field "relayy" is not produced by the query (it produces: status, binStart, count), and field "relayy" is not assigned before',
    );
  });

  // Such a value passed the schema, then failed every run that published it, naming no file.
  it.each([
    ["default", "{ map: { mx1: A }, default: ' ' }", "queries[0].dimensionValues.Relay.default"],
    ["map value", "{ map: { mx1: ' ' } }", "queries[0].dimensionValues.Relay.map.mx1"],
  ])("refuses a value table %s that is only white space, where it is written", async (_, table, path) => {
    const error = await loadReal(`    dimensions: { Relay: '{relay}' }\n    dimensionValues: { Relay: ${table} }`).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatchObject({ path, line: 9 });
    expect(error!.message).toContain(
      "a table value that is empty or only white space would publish a blank dimension value; write the value",
    );
  });

  it("refuses a value table for a dimension the query does not have", async () => {
    const error = await loadReal("    dimensionValues: { Relay: { map: { a: b } } }").then(
      () => null,
      (e: Error) => e,
    );
    expect((error as ConfigError).issues[0]).toMatchObject({ path: "queries[0].dimensionValues.Relay", line: 8 });
    expect(error!.message).toContain('"Relay" is not a dimension of this query');
  });
});
