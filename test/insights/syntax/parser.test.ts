import { describe, expect, it } from "vitest";
import type { Command, Expr } from "../../../src/insights/syntax/ast.js";
import { parseQuery } from "../../../src/insights/syntax/parser.js";

/** An expression as a compact prefix string, to check the tree's shape. */
function show(e: Expr): string {
  switch (e.kind) {
    case "number":
    case "string":
      return JSON.stringify(e.value);
    case "regex":
      return `/${e.source}/`;
    case "duration":
      return `${e.amount}${e.unit}`;
    case "field":
      return e.name;
    case "unary":
      return `(${e.op} ${show(e.operand)})`;
    case "binary":
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case "match":
      return `(${e.negated ? "not " : ""}match ${show(e.subject)} ${show(e.pattern)})`;
    case "in":
      return `(${e.negated ? "not " : ""}in ${show(e.subject)} [${e.items.map(show).join(" ")}])`;
    case "call":
      return `${e.name}(${e.star ? "*" : e.args.map(show).join(" ")})`;
  }
}

function filterExpr(text: string): Expr {
  const [command] = parseQuery(`filter ${text}`).commands;
  return (command as Extract<Command, { kind: "filter" }>).predicate;
}

describe(parseQuery.name, () => {
  it.each([
    ["a or b and not c = 1", "(or a (and b (not (= c 1))))"],
    ["1 + 2 * 3 - 4", "(- (+ 1 (* 2 3)) 4)"],
    ["-2 ^ 2", "(- (^ 2 2))"],
    ["2 ^ 3 ^ 2", "(^ 2 (^ 3 2))"],
    ["-x", "(- x)"],
    ["-3", "-3"],
    ['x not like "a" and y like /b/', '(and (not match x "a") (match y /b/))'],
    ["x =~ /a|b/", "(match x /a|b/)"],
    ['s not in ["a", -1]', '(not in s ["a" -1])'],
    ["isPresent(`a-b`) and count(*) > 1", "(and isPresent(a-b) (> count(*) 1))"],
    ["datefloor(@timestamp, 1h)", "datefloor(@timestamp 1h)"],
    ["a / b", "(/ a b)"],
  ])("parses %s", (text, tree) => {
    expect(show(filterExpr(text))).toBe(tree);
  });

  it("gives nodes the offsets of their source", () => {
    const expr = filterExpr("ab + strlen(c)");
    expect(expr).toMatchObject({ kind: "binary", start: 7, end: 21, opStart: 10 });
    expect((expr as Extract<Expr, { kind: "binary" }>).right).toMatchObject({ kind: "call", start: 12, end: 21, text: "strlen(c)" });
  });

  it("records each command's start", () => {
    const { commands } = parseQuery("fields a\n| filter b\n  | stats count(*) by c | sort d desc | limit 3");
    expect(commands.map((c) => [c.kind, c.start])).toEqual([
      ["fields", 0],
      ["filter", 11],
      ["stats", 24],
      ["sort", 46],
      ["limit", 60],
    ]);
  });

  it("names un-aliased items by their tokens, one space where the source had any gap", () => {
    const { commands } = parseQuery("fields abs(x  -  y), strlen(\n  # note\n  @message), a as b, `c d`");
    const fields = commands[0] as Extract<Command, { kind: "fields" }>;
    expect(fields.items.map((i) => [i.name, i.aliased])).toEqual([
      ["abs(x - y)", false],
      ["strlen( @message)", false],
      ["b", true],
      ["c d", false],
    ]);
  });

  it("parses stats items, by clauses and sort directions", () => {
    const { commands } = parseQuery("stats count(*) as n, avg(x) by bin(5m), h | sort n desc, h");
    const [stats, sort] = commands as [Extract<Command, { kind: "stats" }>, Extract<Command, { kind: "sort" }>];
    expect(stats.items.map((i) => i.name)).toEqual(["n", "avg(x)"]);
    expect(stats.by.map((i) => i.name)).toEqual(["bin(5m)", "h"]);
    expect(sort.keys.map((k) => [show(k.expr), k.descending])).toEqual([
      ["n", true],
      ["h", false],
    ]);
  });

  it("parses both parse forms, with @message as the default field", () => {
    const { commands } = parseQuery('parse "a=*" as a | parse url /(?<v>x)/');
    expect(commands).toMatchObject([
      { kind: "parse", mode: "glob", field: { name: "@message" }, pattern: { value: "a=*" }, names: [{ name: "a", start: 15 }] },
      { kind: "parse", mode: "regex", field: { name: "url", start: 25 }, pattern: { source: "(?<v>x)", start: 29 } },
    ]);
  });
});
