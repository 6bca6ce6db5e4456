import { chmodSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { tempTree } from "../config/temp-tree.js";
import { buildOnce, runCli } from "./built-cli.js";
import { DELIVERY_STATUS, LOG, LOG_LINES, SMTP_STATUS, ndjson } from "./fixtures.js";

beforeAll(buildOnce);

const OWN_QUERY = `name: own
query: |
  filter @message like /status=/
  | parse @message /status=(?<status>[a-z]+)/
  | stats count(*) as n by status, bin(5m) as t
metric:
  name: "delivery-{status}"
  value: n
  timestamp: t
`;

describe("mail-metrics query", () => {
  const dir = tempTree({ "mail.log": LOG, "mail.log.1.gz": gzipSync(""), "own.yaml": OWN_QUERY });
  const log = join(dir, "mail.log");

  it("runs a shipped query by name and prints ndjson when stdout is not a terminal", async () => {
    const result = await runCli(["query", "postfix-smtp-status", log, "--year", "2026"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(ndjson(result.stdout)).toEqual(SMTP_STATUS);
  });

  it("runs the other shipped query by its file path", async () => {
    const result = await runCli(["query", "queries/postfix-delivery-status.yaml", log, "--year", "2026"]);
    expect(result.code).toBe(0);
    expect(ndjson(result.stdout)).toEqual(DELIVERY_STATUS);
  });

  it("reads globs with gzip rotations, and stdin for -", async () => {
    const glob = await runCli(["query", "postfix-smtp-status", join(dir, "mail.log*"), "--year", "2026"]);
    expect(ndjson(glob.stdout)).toEqual(SMTP_STATUS);
    const stdin = await runCli(["query", "postfix-smtp-status", "-", "--year", "2026"], { input: LOG });
    expect(ndjson(stdin.stdout)).toEqual(SMTP_STATUS);
  });

  it("reads gzip data without a .gz name, from a file and from stdin", async () => {
    const rotated = tempTree({ "mail.log.2": gzipSync(LOG) });
    const file = await runCli(["query", "postfix-smtp-status", join(rotated, "mail.log.2"), "--year", "2026"]);
    expect(file).toMatchObject({ code: 0, stderr: "" });
    expect(ndjson(file.stdout)).toEqual(SMTP_STATUS);
    const stdin = await runCli(["query", "postfix-smtp-status", "-", "--year", "2026"], { input: gzipSync(LOG) });
    expect(stdin).toMatchObject({ code: 0, stderr: "" });
    expect(ndjson(stdin.stdout)).toEqual(SMTP_STATUS);
  });

  it("reads syslog times in --timezone", async () => {
    const berlin = tempTree({ "mail.log": LOG.replaceAll("Nov 28 10:", "Nov 28 11:") });
    const result = await runCli([
      "query",
      "postfix-smtp-status",
      join(berlin, "mail.log"),
      "--year",
      "2026",
      "--timezone",
      "Europe/Berlin",
    ]);
    expect(ndjson(result.stdout)).toEqual(SMTP_STATUS);
  });

  it("keeps events in [--from, --to) and zero-fills that range", async () => {
    const result = await runCli([
      "query",
      "postfix-smtp-status",
      log,
      "--year",
      "2026",
      "--from",
      "2026-11-28T10:05:00Z",
      "--to",
      "2026-11-28T10:20:00Z",
    ]);
    expect(ndjson(result.stdout)).toEqual([...SMTP_STATUS.slice(2), { ...SMTP_STATUS[4]!, timestamp: "2026-11-28T10:15:00Z" }]);
  });

  it("prints json and table on request", async () => {
    const json = await runCli(["query", "postfix-smtp-status", log, "--year", "2026", "--output", "json"]);
    expect(JSON.parse(json.stdout)).toEqual(SMTP_STATUS);
    const table = await runCli(["query", "postfix-smtp-status", log, "--year", "2026", "--output", "table"]);
    expect(table.stdout).toMatch(/^TIME \(UTC\)\s+METRIC\s+VALUE\s+UNIT/);
    expect(table.stdout).toMatch(/2026-11-28T10:00:00Z\s+550-5_7_26\s+2\s+Count/);
    expect(table.stdout).toContain("total: 5 datums, values sum to 4");
  });

  it("runs your own query file", async () => {
    const result = await runCli(["query", join(dir, "own.yaml"), log, "--year", "2026"]);
    expect(ndjson(result.stdout)).toEqual([
      { name: "delivery-bounced", timestamp: "2026-11-28T10:00:00Z", value: 2, unit: "Count", dimensions: {} },
      { name: "delivery-sent", timestamp: "2026-11-28T10:00:00Z", value: 1, unit: "Count", dimensions: {} },
      { name: "delivery-deferred", timestamp: "2026-11-28T10:10:00Z", value: 1, unit: "Count", dimensions: {} },
    ]);
  });

  it("leaves out rows without a field the mapping reads (a null by group), says how many on stderr and how to filter them", async () => {
    const nulls = tempTree({ "own.yaml": OWN_QUERY.replace("  filter @message like /status=/\n  | ", "  ") });
    const result = await runCli(["query", join(nulls, "own.yaml"), log, "--year", "2026"]);
    expect(result.code).toBe(0);
    expect(ndjson(result.stdout).map((datum) => (datum as { name: string }).name)).toEqual([
      "delivery-bounced",
      "delivery-sent",
      "delivery-deferred",
    ]);
    expect(result.stderr).toMatch(
      /^mail-metrics: own: \d+ result rows? without status gave no datum; if those fields are null in the data, filter such rows out in the query, e\.g\. \| filter ispresent\(status\)\n$/,
    );
  });

  it("exits 1 naming a missing log file", async () => {
    const result = await runCli(["query", "postfix-smtp-status", "/nonexistent/mail.log"]);
    expect(result).toMatchObject({ code: 1, stdout: "", stderr: "mail-metrics: cannot read /nonexistent/mail.log: no such file\n" });
    const glob = await runCli(["query", "postfix-smtp-status", "/nonexistent/mail.log*"]);
    expect(glob.code).toBe(1);
    expect(glob.stderr).toContain("/nonexistent/mail.log*: no file matches this pattern");
  });

  describe("a log file the user may not read", () => {
    // Root reads any file, so as root the child runs as nobody; anyone else is refused a mode-000 file.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const tree = tempTree({ "open/mail.log": LOG, "closed/mail.log": LOG });
    chmodSync(tree, 0o755);
    chmodSync(join(tree, "open"), 0o755);
    chmodSync(join(tree, "open", "mail.log"), 0o000);
    chmodSync(join(tree, "closed"), 0o000);

    it.each([
      ["the file", join(tree, "open", "mail.log")],
      ["a directory above it", join(tree, "closed", "mail.log")],
    ])("exits 1 naming %s, the reason and the fix", async (_, path) => {
      const result = await runCli(["query", "postfix-smtp-status", path, "--year", "2026"], { ...(user && { user }) });
      expect(result).toMatchObject({ code: 1, stdout: "" });
      expect(result.stderr).toMatch(new RegExp(`^mail-metrics: cannot read ${path}: permission denied \\(EACCES\\); .*adm group.*\n$`));
      expect(result.stderr.split("\n")).toHaveLength(2);
    });
  });

  it("exits 2 for an unknown query name, listing the shipped ones", async () => {
    const result = await runCli(["query", "postfix-smtp-stats", log]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot find query "postfix-smtp-stats"');
    expect(result.stderr).toContain("did you mean postfix-smtp-status?");
    expect(result.stderr).toContain("shipped queries: postfix-delivery-status, postfix-smtp-status");
  });

  it.each([
    [["--from", "yesterday"], '--from "yesterday" is not an ISO 8601 time with a zone'],
    [["--to", "2026-11-28T10:00:00"], '--to "2026-11-28T10:00:00" is not an ISO 8601 time with a zone'],
    [["--from", "2026-02-30"], '--from "2026-02-30": 2026-02 has no day 30'],
    [["--from", "2026-11-31T00:00:00Z"], '--from "2026-11-31T00:00:00Z": 2026-11 has no day 31'],
    [["--from", "2026-11-28T11:00:00Z", "--to", "2026-11-28T10:00:00Z"], "is not before --to"],
    [["--year", "26"], '--year "26" is not a year'],
    [["--timezone", "Mars/Olympus"], '--timezone "Mars/Olympus" is not an IANA time zone'],
  ])("exits 2 for %j", async (options, message) => {
    const result = await runCli(["query", "postfix-smtp-status", log, ...options]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });

  it("reads binary garbage: exit 0, the skipped lines counted on stderr", async () => {
    const garbage = Buffer.concat([
      Buffer.from(LOG_LINES[0]!),
      Buffer.from([0xff, 0xfe, 0x00, 0x0a]), // counted; not UTF-8
      Buffer.from([0x00, 0x01]),
      Buffer.from("said: "),
      Buffer.from([0xc3, 0x28, 0x0a]), // no timestamp; not UTF-8
      Buffer.from([0x7f]),
      Buffer.from("said: 550\n"), // no timestamp
      Buffer.from(Array.from({ length: 4096 }, (_, index) => 0x80 + (index % 0x7f))),
      Buffer.from("\n"), // ruled out by the prefilter
    ]);
    const binary = tempTree({ "mail.log": garbage });
    const result = await runCli(["query", "postfix-smtp-status", join(binary, "mail.log"), "--year", "2026"]);
    expect(result.code).toBe(0);
    expect(ndjson(result.stdout)).toEqual([{ ...SMTP_STATUS[1]!, value: 1 }]);
    expect(result.stderr).toMatch(
      /mail\.log: 2 lines without a recognisable timestamp skipped, 2 lines of invalid UTF-8 read with replacement characters\n$/,
    );
  });

  it("exits 1 after printing what it read when a gzip file is truncated", async () => {
    const whole = gzipSync(Buffer.concat([Buffer.from(LOG), Buffer.alloc(200_000, "x")]));
    const broken = tempTree({ "mail.log.1.gz": whole.subarray(0, whole.length - 100) });
    const result = await runCli(["query", "postfix-smtp-status", join(broken, "mail.log.1.gz"), "--year", "2026"]);
    expect(result.code).toBe(1);
    expect(ndjson(result.stdout).length).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/mail\.log\.1\.gz: gzip data ends early or is corrupt/);
  });
});

describe("mail-metrics query with its arguments swapped", () => {
  it("lists the first 5 YAML errors, counts the rest, exits 2 and says the query definition comes first", async () => {
    const result = await runCli(["query", "examples/maillog", "queries/postfix-smtp-status.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines.slice(0, 5).every((line) => /^(?:mail-metrics: )?examples\/maillog:\d+:\d+: invalid YAML: /.test(line))).toBe(true);
    expect(lines[5]).toMatch(/^examples\/maillog: and \d+ more YAML errors$/);
    expect(lines[6]).toBe(
      "examples/maillog: is this a log file? the query definition comes first: mail-metrics query <query-yaml> <logfile...>",
    );
  });
});

describe("mail-metrics query with a broken query file", () => {
  const run = async (queryYaml: string) => {
    const dir = tempTree({ "q.yaml": queryYaml, "mail.log": LOG });
    return { dir, ...(await runCli(["query", "q.yaml", "mail.log"], { cwd: dir })) };
  };

  it("reports a syntax error at the query file's line", async () => {
    const result = await run(OWN_QUERY.replace("  | stats count(*)", "  | frobnicate status\n  | stats count(*)"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mail-metrics: q\.yaml:5:\d+: query: .*\(3:\d+\) \[E_PARSE_COMMAND\]\n$/);
  });

  it("reports an invalid regex with its position", async () => {
    const result = await run(OWN_QUERY.replace("(?<status>[a-z]+)", "(?<status>[a-z]+"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^mail-metrics: q\.yaml:4:\d+: query: .*\(2:\d+\) \[E_REGEX_INVALID\]\n$/);
  });

  it("reports a mapping field the query does not produce, with its line", async () => {
    const result = await run(OWN_QUERY.replace("value: n", "value: cnt"));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'mail-metrics: q.yaml:8: metric.value: field "cnt" is not produced by the query (it produces: status, t, n)\n',
    );
  });

  it("refuses two rows that would publish one metric twice in a bin, naming the field to add", async () => {
    const result = await run(OWN_QUERY.replace('name: "delivery-{status}"', "name: delivery"));
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(
      /^mail-metrics: q\.yaml: metric: result rows 1 and 3 map to the same datum: metric "delivery", no dimensions, timestamp 2026-11-28T10:00:00Z;/,
    );
    expect(result.stderr).toContain('They differ in status ("bounced" and "sent")');
    expect(result.stderr).toContain("put every `by` field of the stats into the metric name template or the dimensions");
  });

  it("reports an unknown key with its line and a suggestion", async () => {
    const result = await run(OWN_QUERY.replace("  value: n", "  valeu: n"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("q.yaml:8: metric.valeu: unknown key; did you mean value?");
    expect(result.stderr).toContain("q.yaml:6: metric.value: missing; add it (a string)");
  });
});
