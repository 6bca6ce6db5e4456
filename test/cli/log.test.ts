// The log of run and backfill as cron and a log shipper read it: every line starts with its time,
// --log-format json gives one object per event with its figures, --quiet keeps only warnings and
// errors, --verbose adds the calls, and a failure's outcome goes where the summary goes (stdout)
// besides its error on stderr — unless stdout carries datums, where stderr has it already.
import { describe, expect, it } from "vitest";
import { createLog, logTime, type LogOptions } from "../../src/cli/log.js";
import { printLines } from "../../src/cli/series-command.js";
import { reportError } from "../../src/cli/report-error.js";
import { ConfigError, RuntimeError } from "../../src/errors.js";
import type { Line } from "../../src/pipeline/run-queries.js";

const NOW = Date.parse("2026-12-04T10:05:00.250Z");

function logged(options: LogOptions = {}, summaryOnStderr = false) {
  const out: string[] = [];
  const err: string[] = [];
  const log = createLog(options, () => NOW, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
  });
  log.summaryOnStderr(summaryOnStderr);
  return { log, stdout: () => out.join(""), stderr: () => err.join("") };
}

const LINES: Line[] = [
  { to: "info", text: "q: published 2 windows …", query: "q", fields: { windows: 2, datums: 5, bytesScanned: 1234 } },
  { to: "warn", text: "q: not published: …", query: "q" },
  { to: "info", text: "r: failed: StartQuery failed …", severity: "error", outcome: true, query: "r" },
  { to: "warn", text: "StartQuery failed …", severity: "error", query: "r" },
];

describe(createLog.name, () => {
  it("text: every line starts with the time (to the second, UTC); stderr lines say whose they are", () => {
    const { log, stdout, stderr } = logged();
    printLines(log, LINES);
    expect(stdout()).toBe("2026-12-04T10:05:00Z q: published 2 windows …\n2026-12-04T10:05:00Z r: failed: StartQuery failed …\n");
    expect(stderr()).toBe(
      "2026-12-04T10:05:00Z mail-metrics: q: not published: …\n2026-12-04T10:05:00Z mail-metrics: StartQuery failed …\n",
    );
  });

  it("text: each line of a multi-line message gets the time, so a log stays greppable by time", () => {
    const { log, stderr } = logged();
    log.write({ level: "error", message: "prod.yaml:3: a\nprod.yaml:7: b" });
    expect(stderr()).toBe("2026-12-04T10:05:00Z mail-metrics: prod.yaml:3: a\n2026-12-04T10:05:00Z mail-metrics: prod.yaml:7: b\n");
  });

  it("json: one object per event with time, level, query, message and the figures", () => {
    const { log, stdout, stderr } = logged({ logFormat: "json" });
    printLines(log, LINES);
    expect(
      stdout()
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      {
        time: "2026-12-04T10:05:00Z",
        level: "info",
        query: "q",
        message: "q: published 2 windows …",
        windows: 2,
        datums: 5,
        bytesScanned: 1234,
      },
      { time: "2026-12-04T10:05:00Z", level: "error", query: "r", message: "r: failed: StartQuery failed …" },
    ]);
    expect(
      stderr()
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line).level),
    ).toEqual(["warning", "error"]);
  });

  it("json: a figure never overwrites the event's own keys", () => {
    const { log, stdout } = logged({ logFormat: "json" });
    log.write({ level: "info", message: "m", fields: { level: "x", time: 1, windows: 3 } });
    expect(JSON.parse(stdout())).toEqual({ time: "2026-12-04T10:05:00Z", level: "info", message: "m", windows: 3 });
  });

  it("--quiet: no summary and no progress, but warnings, errors and a failure's outcome", () => {
    const { log, stdout, stderr } = logged({ quiet: true });
    printLines(log, LINES);
    log.write({ level: "progress", message: "backfill q: 1/2 windows" });
    expect(stdout()).toBe("2026-12-04T10:05:00Z r: failed: StartQuery failed …\n");
    expect(stderr().split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("--verbose: the calls as debug lines with the summary; without it, none", () => {
    const verbose = logged({ verbose: true });
    verbose.log.trace("q: StartQuery over /mail/postfix: query id 1234");
    expect(verbose.stdout()).toBe("2026-12-04T10:05:00Z mail-metrics: debug: q: StartQuery over /mail/postfix: query id 1234\n");
    const normal = logged();
    normal.log.trace("q: StartQuery over /mail/postfix: query id 1234");
    expect(normal.stdout() + normal.stderr()).toBe("");
  });

  it("where stdout carries datums, the summary goes to stderr and a failure's outcome is not said twice there", () => {
    const { log, stdout, stderr } = logged({}, true);
    printLines(log, LINES);
    expect(stdout()).toBe("");
    expect(stderr()).toBe(
      "2026-12-04T10:05:00Z q: published 2 windows …\n2026-12-04T10:05:00Z mail-metrics: q: not published: …\n2026-12-04T10:05:00Z mail-metrics: StartQuery failed …\n",
    );
  });

  it("logTime drops milliseconds", () => expect(logTime(NOW)).toBe("2026-12-04T10:05:00Z"));
});

describe(`${reportError.name} with a command's log`, () => {
  it("writes the error on stderr and the run's one-line outcome on stdout, both timed", () => {
    const { log, stdout, stderr } = logged();
    const code = reportError(new RuntimeError("PutMetricData failed: timeout"), { write: () => true }, log);
    expect(code).toBe(1);
    expect(stderr()).toBe("2026-12-04T10:05:00Z mail-metrics: PutMetricData failed: timeout\n");
    expect(stdout()).toBe("2026-12-04T10:05:00Z mail-metrics: failed (exit 1): PutMetricData failed: timeout\n");
  });

  it("a config's several problems: all on stderr, the first and how many more in the outcome", () => {
    const { log, stdout, stderr } = logged();
    const error = new ConfigError("prod.yaml", [
      { path: "aws.region", line: 2, message: "not a Region name" },
      { path: "sink.namespace", line: 9, message: "the AWS/ prefix is reserved" },
    ]);
    expect(reportError(error, { write: () => true }, log)).toBe(2);
    expect(stderr().trimEnd().split("\n")).toHaveLength(2);
    expect(stdout()).toBe(
      "2026-12-04T10:05:00Z mail-metrics: failed (exit 2): prod.yaml:2: aws.region: not a Region name (and 1 more line on stderr)\n",
    );
  });
});
