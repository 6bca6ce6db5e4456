import { describe, expect, it } from "vitest";
import { queryPositionInYaml } from "../../src/config/query-position.js";
import { formatPath, lineOf, parseYaml } from "../../src/config/yaml-source.js";
import { ConfigError } from "../../src/errors.js";

const source = parseYaml(
  [
    "# comment",
    "source:",
    "  type: files",
    "  paths:",
    "    - a.log",
    "    - b.log",
    "queries:",
    "  - builtin: x",
    "    dimensions: { A: b }",
  ].join("\n"),
  "c.yaml",
);

describe(lineOf.name, () => {
  it.each([
    [["source"], 2],
    [["source", "type"], 3],
    [["source", "paths", 1], 6],
    [["queries", 0], 8],
    [["queries", 0, "dimensions", "A"], 9],
  ])("finds %j on line %i", (path, line) => {
    expect(lineOf(source, path)).toBe(line);
  });

  it("falls back to the deepest key that exists", () => {
    expect(lineOf(source, ["source", "timezone"])).toBe(2);
    expect(lineOf(source, ["queries", 5, "file"])).toBe(7);
  });
});

describe(formatPath.name, () => {
  it("writes indexes in brackets and keys with dots", () => {
    expect(formatPath(["queries", 2, "metric", "value"])).toBe("queries[2].metric.value");
    expect(formatPath([])).toBe("");
  });
});

describe(queryPositionInYaml.name, () => {
  it("maps a literal block line by line, adding its indentation", () => {
    const yaml = parseYaml("name: q\nquery: |\n    fields a\n    | filter b\n", "q.yaml");
    expect(queryPositionInYaml(yaml, 2, 3)).toEqual({ line: 4, column: 7 });
  });

  it("maps a single-line quoted or plain scalar by column", () => {
    expect(queryPositionInYaml(parseYaml('name: q\nquery: "fields a | x"\n', "q.yaml"), 1, 12)).toEqual({ line: 2, column: 20 });
    expect(queryPositionInYaml(parseYaml("query: fields a | x\n", "q.yaml"), 1, 12)).toEqual({ line: 1, column: 19 });
  });

  it("gives only the start line of a folded block", () => {
    expect(queryPositionInYaml(parseYaml("query: >\n  fields a\n  | x\n", "q.yaml"), 2, 3)).toEqual({ line: 1 });
  });
});

describe(`${parseYaml.name} with aliases`, () => {
  const issuesOf = (text: string): ConfigError["issues"] => {
    try {
      parseYaml(text, "q.yaml");
    } catch (error) {
      if (error instanceof ConfigError) return error.issues;
      throw error;
    }
    throw new Error("expected a ConfigError");
  };

  it("expands aliases of anchors set before them", () => {
    expect(parseYaml("a: &x [1, 2]\nb: *x\n", "q.yaml").data).toEqual({ a: [1, 2], b: [1, 2] });
  });

  it("names every alias without an anchor, at its line and column", () => {
    expect(issuesOf("metric:\n  dimensions: {A: *nope}\n  zeroFill: [*later]\nlater: &later x\n")).toEqual([
      expect.objectContaining({
        path: "",
        line: 2,
        column: 19,
        message: expect.stringContaining("alias *nope names no anchor &nope set before it"),
      }),
      expect.objectContaining({ path: "", line: 3, column: 14, message: expect.stringContaining("add &later to an earlier value") }),
    ]);
  });

  it("refuses an alias bomb, pointing at the first alias of an anchor that holds aliases", () => {
    const ten = (alias: string) => `[${Array(10).fill(alias).join(", ")}]`;
    const bomb = `a: &a ${ten("x")}\nb: &b ${ten("*a")}\nc: &c ${ten("*b")}\nd: ${ten("*c")}\n`;
    expect(issuesOf(bomb)).toEqual([
      expect.objectContaining({ line: 3, column: 8, message: expect.stringContaining("aliases expand to more than 100 values") }),
    ]);
  });
});

describe(`${parseYaml.name} with syntax errors`, () => {
  const HINT = "is this a log file?";
  const issuesOf = (text: string): ConfigError["issues"] => {
    try {
      parseYaml(text, "q.yaml", { notYamlHint: HINT });
    } catch (error) {
      if (error instanceof ConfigError) return error.issues;
      throw error;
    }
    throw new Error("expected a ConfigError");
  };

  it("lists every error of a file with a few, and no hint when most of it is YAML", () => {
    const issues = issuesOf("name: q\nquery: [a\nmetric:\n  name: x\n  value: n\n");
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.line !== undefined && issue.message.startsWith("invalid YAML: "))).toBe(true);
    expect(issues.map((issue) => issue.message)).not.toContain(HINT);
  });

  it("lists the first 5 errors of a log file, counts the rest and adds the hint", () => {
    const log = Array.from(
      { length: 20 },
      (_, i) => `Nov 28 10:01:${String(i).padStart(2, "0")} mx postfix/smtp[1]: A${i}: to=<a@b>, relay=x: y, status=sent (250 ok)`,
    ).join("\n");
    const issues = issuesOf(log);
    expect(issues).toHaveLength(7);
    expect(issues.slice(0, 5).every((issue) => issue.line !== undefined)).toBe(true);
    expect(issues[5]).toEqual({ path: "", message: expect.stringMatching(/^and \d+ more YAML errors$/) });
    expect(issues[6]).toEqual({ path: "", message: HINT });
  });

  it("adds the hint when most lines fail, even without a timestamp", () => {
    const issues = issuesOf(Array.from({ length: 8 }, (_, i) => `a${i}: b: c: {`).join("\n"));
    expect(issues.at(-1)).toEqual({ path: "", message: HINT });
  });
});
