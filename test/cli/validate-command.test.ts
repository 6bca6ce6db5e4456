import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempTree } from "../config/temp-tree.js";
import { buildOnce, runCli } from "./built-cli.js";
import { untimed } from "../pipeline/log-lines.js";

beforeAll(buildOnce);

const CONFIG = `source:
  type: files
  paths: [mail.log]
sink:
  type: stdout
state:
  enabled: false
queries:
  - builtin: postfix-smtp-status
  - file: own.yaml
`;
const OWN = `name: own
query: |
  filter @message like /status=/
  | parse @message /status=(?<status>[a-z]+)/
  | stats count(*) as n by status, bin(5m) as t
metric:
  name: "delivery-{status}"
  value: n
  timestamp: t
`;

async function validate(config: string, own = OWN) {
  const dir = tempTree({ "config.yaml": config, "own.yaml": own, "mail.log": "" });
  return runCli(["validate", "--config", join(dir, "config.yaml")], { cwd: dir });
}

describe("mail-metrics validate", () => {
  it("prints one ok line per query for the example config", async () => {
    const result = await runCli(["validate", "--config", "examples/local.yaml"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toBe(
      "ok  postfix-smtp-status (queries/postfix-smtp-status.yaml): 3 fields → metric {metric}\n" +
        "ok  postfix-delivery-status (queries/postfix-delivery-status.yaml): 3 fields → metric {metric}\n" +
        "ok  source.paths: 1 file to read\n",
    );
  });

  it("fails, as a run would, on a log file that is not there, naming the key and the config", async () => {
    const result = await validate(CONFIG.replace("paths: [mail.log]", "paths: [mail.log, maillgo]"));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /\nFAIL source\.paths: cannot read \/.*\/maillgo: no such file \(source\.paths in \/.*\/config\.yaml: correct it there if it is wrong\)\n$/,
    );
  });

  it("accepts the shipped config.example.yaml", async () => {
    const result = await runCli(["validate", "--config", "config.example.yaml"], { env: { AWS_REGION: "eu-central-1" } });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout.split("\n").filter((line) => line.startsWith("ok  "))).toHaveLength(2);
  });

  it("accepts a config mixing a builtin and an own query", async () => {
    const result = await validate(CONFIG);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ok  own (own.yaml): 3 fields → metric delivery-{status}\n");
  });

  it("names an unknown key with its line and the closest allowed key", async () => {
    const result = await validate(CONFIG.replace("  paths: [mail.log]", "  paths: [mail.log]\n  tmezone: UTC"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^mail-metrics: \/.*\/config\.yaml:4: source\.tmezone: unknown key; did you mean timezone\? \(allowed keys: type, paths, timezone, year\)\n$/,
    );
  });

  it("names a value of the wrong type", async () => {
    const result = await validate(CONFIG.replace("  enabled: false", "  enabled: nope"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.yaml:7: state\.enabled: expected true or false, got "nope"/);
  });

  it("reports invalid YAML at line and column", async () => {
    const result = await validate(CONFIG.replace("paths: [mail.log]", "paths: [mail.log"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.yaml:\d+:\d+: invalid YAML: /);
  });

  it("names a missing query file with the config key, line and resolved path", async () => {
    const result = await validate(CONFIG.replace("file: own.yaml", "file: queries/missing.yaml"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /config\.yaml:10: queries\[1\]\.file: cannot read "queries\/missing\.yaml" \(resolved to \/.*\/queries\/missing\.yaml, relative to the config file\): no such file/,
    );
  });

  it("names a missing builtin with the shipped ones", async () => {
    const result = await validate(CONFIG.replace("builtin: postfix-smtp-status", "builtin: smtp-status"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('config.yaml:9: queries[0].builtin: no shipped query "smtp-status"');
    expect(result.stderr).toContain("shipped queries: postfix-delivery-status, postfix-smtp-status");
  });

  it("reports an invalid query at its line in the query file", async () => {
    const result = await validate(CONFIG, OWN.replace("  | stats", "  | sort status sideways\n  | stats"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mail-metrics: own\.yaml:5:\d+: query: .*\(3:\d+\) \[E_[A-Z_]+\]\n$/);
  });

  it("reports an invalid regex at its line in the query file", async () => {
    const result = await validate(CONFIG, OWN.replace("(?<status>[a-z]+)", "(?<status>[a-z]+"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mail-metrics: own\.yaml:4:\d+: query: .*\(2:\d+\) \[E_REGEX_INVALID\]\n$/);
  });

  it("refuses a lookahead at its position in the query file, saying what to write instead", async () => {
    const result = await validate(CONFIG, OWN.replace("(?<status>[a-z]+)", "(?<status>[a-z]+)(?=,)"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^mail-metrics: own\.yaml:4:45: query: the lookahead \(\?= in a regex is not supported .*; match the text that follows as part of the pattern, e\.g\. \(\?:\[- \]\|\$\) .*\(2:43\) \[E_PARSE_UNSUPPORTED\]\n$/,
    );
  });

  it("refuses a ranking after stats, whose numbers depend on how the time is cut, which `query` still runs", async () => {
    const ranked = OWN.replace("bin(5m) as t\n", "bin(5m) as t\n  | sort n desc\n  | limit 3\n");
    const log = "Feb  5 04:54:08 mx postfix/smtp[1]: status=sent\nFeb  5 04:55:08 mx postfix/smtp[1]: status=deferred\n";
    const dir = tempTree({ "config.yaml": CONFIG, "own.yaml": ranked, "mail.log": log });
    const validated = await runCli(["validate", "--config", "config.yaml"], { cwd: dir });
    expect(validated.code).toBe(2);
    expect(validated.stderr).toMatch(
      /^mail-metrics: own\.yaml:7:5: query: limit 3 keeps 3 rows of the whole range one run queries, .*; remove it .*\(5:3\)\n$/,
    );
    const queried = await runCli(["query", "own.yaml", "mail.log", "--year", "2026"], { cwd: dir });
    expect(queried).toMatchObject({ code: 0, stderr: "" });
    expect(queried.stdout).toContain('"name":"delivery-sent"');
  });

  it("refuses, in validate and in run, a second query that can publish into the first one's series", async () => {
    const copy = OWN.replace("name: own", "name: copy");
    const dir = tempTree({ "config.yaml": `${CONFIG}  - file: copy.yaml\n`, "own.yaml": OWN, "copy.yaml": copy, "mail.log": "" });
    const message =
      /^mail-metrics: config\.yaml:11: queries\[2\]: copy \(copy\.yaml\) and queries\[1\] own \(own\.yaml\) can publish the same metric: .*can both be "delivery-[a-z]+".*e\.g\. under queries\[2\]: dimensions: \{ Query: copy \}/;
    for (const command of [["validate"], ["run", "--dry-run"]]) {
      const result = await runCli([...command, "--config", "config.yaml"], { cwd: dir });
      expect(result.code).toBe(2);
      // run's log lines start with their time; validate's report does not.
      expect(command[0] === "run" ? untimed(result.stderr) : result.stderr).toMatch(message);
    }
  });

  it("names a mapping field the query does not produce, in both files", async () => {
    const result = await validate(CONFIG, OWN.replace("value: n", "value: cnt"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'config.yaml:10: queries[1] (own.yaml) metric.value: field "cnt" is not produced by the query (it produces: status, t, n); see own.yaml:8',
    );
  });

  it("applies the cross-field rules", async () => {
    const result = await validate(
      CONFIG.replace("type: stdout", "type: cloudwatch\n  namespace: Mail/Postfix").replace(
        "state:\n  enabled: false\n",
        "state:\n  enabled: false\nschedule:\n  period: 7m\n",
      ),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("state.enabled: false is only allowed with sink type stdout");
    expect(result.stderr).toContain("schedule.period: 7m is not a multiple of bin(5m) in queries[0] (queries/postfix-smtp-status.yaml)");
  });

  it("reports every broken query file in one go, each at its own file and line", async () => {
    const config = CONFIG.replace(
      "  - file: own.yaml\n",
      "  - file: own.yaml\n  - file: typo.yaml\n  - file: badregex.yaml\n  - file: missing.yaml\n",
    );
    const dir = tempTree({
      "config.yaml": config,
      "own.yaml": OWN.replace("  | stats", "  | frobnicate status\n  | stats"),
      "typo.yaml": OWN.replace("name: own", "name: typo").replace("value: n", "value: n\n  valeu: n"),
      "badregex.yaml": OWN.replace("name: own", "name: badregex").replace("(?<status>[a-z]+)", "(?<status>[a-z]+"),
    });
    const result = await runCli(["validate", "--config", "config.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr
      .replace(/^mail-metrics: /, "")
      .trimEnd()
      .split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^own\.yaml:5:\d+: query: .*\(3:\d+\) \[E_PARSE_COMMAND\]$/),
      expect.stringMatching(/^typo\.yaml:9: metric\.valeu: unknown key; did you mean value\?/),
      expect.stringMatching(/^badregex\.yaml:4:\d+: query: .*\[E_REGEX_INVALID\]$/),
      expect.stringMatching(/^config\.yaml:13: queries\[4\]\.file: cannot read "missing\.yaml" .*: no such file$/),
    ]);
  });

  it("exits 2 for a missing config file and for an unset variable", async () => {
    expect((await runCli(["validate", "--config", "/nonexistent.yaml"])).stderr).toBe(
      "mail-metrics: /nonexistent.yaml: cannot read: no such file\n",
    );
    const unset = await validate(CONFIG.replace("type: stdout", "type: ${MM_TEST_UNSET_SINK}"));
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/config\.yaml:5: environment variable MM_TEST_UNSET_SINK is not set/);
  });
});
