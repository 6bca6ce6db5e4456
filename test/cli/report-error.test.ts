// Exit 70 is for bugs: the "unexpected error (a bug in mail-metrics)" line, the stack, and a request
// to report it. User errors keep to one line with no stack. No command has a legitimate way to hit
// a bug, so the built-CLI case injects one from outside (node --import), not through a backdoor.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { reportError } from "../../src/cli/report-error.js";
import { locateQueryError } from "../../src/config/query-position.js";
import { parseYaml } from "../../src/config/yaml-source.js";
import { AwsCallError, ConfigError, InternalError, RuntimeError, UsageError } from "../../src/errors.js";
import { QuerySyntaxError } from "../../src/insights/errors.js";
import { tempTree } from "../config/temp-tree.js";
import { buildOnce, runCli } from "./built-cli.js";
import { LOG } from "./fixtures.js";

function report(error: unknown): { code: number; text: string } {
  let text = "";
  const code = reportError(error, { write: (chunk: string) => (text += chunk) });
  return { code, text };
}

const STACK_LINE = /\n {4}at /;
const ASK_TO_REPORT = "Please report it with the command line you ran.\n";

describe(reportError.name, () => {
  it("reports an unexpected exception as a bug: exit 70, its stack, and a request to report it", () => {
    const { code, text } = report(new TypeError("cannot read properties of undefined"));
    expect(code).toBe(70);
    expect(text).toMatch(
      /^mail-metrics: unexpected error \(a bug in mail-metrics\): TypeError: cannot read properties of undefined\n {4}at /,
    );
    expect(text.endsWith(ASK_TO_REPORT)).toBe(true);
  });

  it("reports an InternalError as an internal error, with its stack", () => {
    const { code, text } = report(new InternalError("unexpected command"));
    expect(code).toBe(70);
    expect(text).toMatch(/^mail-metrics: internal error: InternalError: unexpected command\n {4}at /);
    expect(text.endsWith(ASK_TO_REPORT)).toBe(true);
  });

  it("reports a thrown non-Error as a bug too", () => {
    expect(report("a string")).toEqual({
      code: 70,
      text: `mail-metrics: unexpected error (a bug in mail-metrics): a string\n${ASK_TO_REPORT}`,
    });
  });

  it.each([
    [new UsageError("--wait is not a duration"), 2],
    [new ConfigError("c.yaml", [{ path: "source.type", line: 3, message: "unknown" }]), 2],
    // A query that does not compile, as config/ reports it: at its place in the query file.
    [locateQueryError(new QuerySyntaxError("E_PARSE_COMMAND", "unknown command", 1, 1), parseYaml("query: frob\n", "q.yaml")), 2],
    [new RuntimeError("cannot read mail.log"), 1],
    [new AwsCallError("StartQuery", "throttled"), 1],
  ])("reports %s on one line, without a stack, with exit %i", (error, code) => {
    const reported = report(error);
    expect(reported).toEqual({ code, text: `mail-metrics: ${error.message}\n` });
    expect(reported.text).not.toMatch(STACK_LINE);
  });
});

describe("the built CLI when a command hits a bug", () => {
  beforeAll(buildOnce);

  it("exits 70 with the unexpected-error line, the stack and the request to report it", async () => {
    const dir = tempTree({ "mail.log": LOG });
    // Makes the command's first write to stdout throw, as a bug in the output code would.
    const fault = join(dir, "fault.mjs");
    writeFileSync(fault, 'process.stdout.write = () => { throw new TypeError("injected fault"); };\n');
    const result = await runCli(["query", "postfix-smtp-status", "mail.log", "--year", "2026"], {
      cwd: dir,
      env: { NODE_OPTIONS: `--import=${pathToFileURL(fault).href}` },
      timeout: 20_000,
    });
    expect(result.code).toBe(70);
    expect(result.stderr).toMatch(/^mail-metrics: unexpected error \(a bug in mail-metrics\): TypeError: injected fault\n {4}at /);
    expect(result.stderr).toMatch(/ {4}at .*dist\/bin\//);
    expect(result.stderr.endsWith(ASK_TO_REPORT)).toBe(true);
  });
});
