// The shipped queries must run unchanged on CloudWatch Logs Insights, whose regex flavour is not
// documented (docs/cloudwatch-facts.md#regex-dialect).
import { describe, expect, it } from "vitest";
import { SHIPPED, shippedDefinition } from "./shipped-query.js";

/** The /regex/ literals of a query (none of ours contains an escaped slash). */
const regexLiterals = (query: string): string[] =>
  Array.from(query.matchAll(/(?:like|parse \S+|=~)\s+\/((?:\\.|[^/\\])+)\//g), (match) => match[1]!);

describe.each(SHIPPED)("%s", (name) => {
  const definition = shippedDefinition(name);
  const regexes = regexLiterals(definition.query);

  it("has the name of its file", () => {
    expect(definition.name).toBe(name);
  });

  it("starts with a filter on literal alternatives, so a prefilter can be derived", () => {
    expect(definition.query).toMatch(
      /^filter @message like \/(?:[^/\\|().*+?[\]{}^$]|\\[()./])+(?:\|(?:[^/\\|().*+?[\]{}^$]|\\[()./])+)*\/\n/,
    );
  });

  it("uses only regex features JavaScript, Java and RE2 read alike", () => {
    expect(regexes.length).toBeGreaterThan(1);
    for (const regex of regexes) {
      expect(regex).not.toMatch(/\(\?<[=!]|\(\?[=!]/); // lookbehind, lookahead
      expect(regex).not.toMatch(/\\[pPk]|\\[1-9]/); // \p{}, named and numbered backreferences
      for (const [, group] of regex.matchAll(/\(\?<([^>]*)>/g)) expect(group).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(() => new RegExp(regex)).not.toThrow();
    }
  });

  it("has no optional capture group (absent vs empty is undocumented on the service)", () => {
    for (const regex of regexes) expect(regex).not.toMatch(/\(\?<[A-Za-z0-9]+>[^()]*\)[?*]/);
  });

  it("counts per 5-minute bin, one datum per metric, unit Count", () => {
    expect(definition.query).toMatch(/\| stats count\(\*\) as count by metric, bin\(5m\) as binStart\n?$/);
    expect(definition.metric).toMatchObject({ name: "{metric}", value: "count", timestamp: "binStart", unit: "Count", dimensions: {} });
  });
});
