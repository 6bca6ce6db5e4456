// Two queries publish into one series only if their names can be equal (rules/one-series-per-metric.ts),
// which the config learns from what each query's functions can put in a field
// (insights/analysis/field-shapes.ts). Too wide a reading refuses configs that are fine; too narrow a
// one lets two queries add their numbers into one series. Every query here parses r (1 to 5 digits),
// s (1 to 12 letters) and v (a digit, a dot, a digit), and names its metric from m. The groups are
// bounded because a name is cut to 255 characters: two unbounded ones can always share a prefix.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf } from "../config-error-of.js";
import { tempTree } from "../temp-tree.js";

const HEAD = `source: { type: files, paths: [mail.log] }
sink: { type: cloudwatch, namespace: Mail/Postfix }
queries:
`;

/** A query definition: the parses, then `tail` (its commands from the first one after them, ending in a stats). */
const definition = (queryName: string, tail: string, name = "{m}") => `name: ${queryName}
query: |
  parse @message /r=(?<r>[0-9]{1,5});/
  | parse @message /s=(?<s>[a-z]{1,12});/
  | parse @message /v=(?<v>[0-9][.][0-9]);/
  ${tail.split("\n").join("\n  ")}
metric: { name: "${name}", value: n, timestamp: t }
`;

/** `commands` (one line), then the stats by m. */
const naming = (queryName: string, commands: string, name = "{m}") =>
  definition(queryName, `${commands}\n| stats count(*) as n by m, bin(5m) as t`, name);

const OTHERS = {
  letters: naming("letters", "| filter ispresent(s) | fields s as m"),
  digits: naming("digits", "| filter ispresent(r) | fields r as m"),
  "digits-dash": naming("digits-dash", "| filter ispresent(r) | fields r as m", "{m}-"),
  "dash-digits": naming("dash-digits", "| filter ispresent(r) | fields r as m", "-{m}"),
};
type Other = keyof typeof OTHERS;

/** Loads a config of the query `own` and the others, in that order. */
function load(own: string, others: readonly Other[]) {
  const files = { "own.yaml": own, ...Object.fromEntries(others.map((other) => [`${other}.yaml`, OTHERS[other]])) };
  const entries = ["own", ...others].map((file) => `  - file: ${file}.yaml\n`).join("");
  return loadConfig(join(tempTree({ "config.yaml": HEAD + entries, ...files }), "config.yaml"), { env: {} });
}

describe("one series per metric, through the functions that make a name", () => {
  it.each<[string, string, Other[]]>([
    [
      "both fields of a concat present after `filter ispresent(r) and ispresent(s)`",
      "| filter ispresent(r) and ispresent(s) | fields concat(r, s) as m",
      ["letters", "digits"],
    ],
    ["a literal start of a concat", '| fields concat("smtp-", s) as m', ["letters"]],
    [
      "a coalesce with a literal last, which is never null",
      '| filter ispresent(r) | fields concat(r, "-", coalesce(s, "none")) as m',
      ["digits-dash"],
    ],
    ["a replace of an empty search, which changes nothing", '| fields replace(r, "", "x") as m', ["letters"]],
    ["a replace of one character by another", '| fields replace(v, ".", "_") as m', ["digits"]],
    ["trim", "| fields trim(r) as m", ["letters"]],
    ["ltrim", "| fields ltrim(r) as m", ["letters"]],
    ["rtrim", "| fields rtrim(r) as m", ["letters"]],
    ["substr", "| fields substr(r, 1) as m", ["letters"]],
    ["toupper", "| fields toupper(s) as m", ["letters"]],
  ])("accepts queries told apart by %s", async (_, commands, others) => {
    await expect(load(naming("own", commands), others)).resolves.toBeDefined();
  });

  it("accepts queries told apart by a stats grouping by a function, and by a field a stats dropped", async () => {
    await expect(load(definition("own", "| stats count(*) as n by toupper(s) as m, bin(5m) as t"), ["letters"])).resolves.toBeDefined();
    // After the stats, s is gone: coalesce gives r.
    const dropped = "| stats count(*) as n by r, bin(5m) as t\n| fields coalesce(s, r) as m";
    await expect(load(definition("own", dropped), ["letters"])).resolves.toBeDefined();
  });

  it.each<[string, string, Other, string]>([
    ["either field may be missing after an `or`", "| filter ispresent(r) or ispresent(s) | fields concat(r, s) as m", "letters", '"a"'],
    ["isempty(s) keeps the lines without s", '| filter isempty(s) | fields concat(r, "-", s) as m', "digits-dash", '"0-"'],
    [
      "a coalesce of fields that may all be missing",
      '| filter ispresent(r) | fields concat(coalesce(s, v), "-", r) as m',
      "dash-digits",
      '"-0"',
    ],
    ["a replace whose search is a field", '| fields replace(r, s, "_") as m', "letters", '"a"'],
    ["a replace whose replacement is a field", '| fields replace(r, "0", s) as m', "letters", '"a"'],
  ])("refuses queries whose names can be equal: %s", async (_, commands, other, example) => {
    const error = await configErrorOf(load(naming("own", commands), [other]));
    expect(error.issues).toEqual([expect.objectContaining({ path: "queries[1]" })]);
    expect(error.message).toContain(
      `${other} (${other}.yaml) and queries[0] own (own.yaml) can publish the same metric: ` +
        `their metric.name "${OTHERS[other].match(/name: "([^"]+)"/)![1]}" and metric.name "{m}" can both be ${example}`,
    );
  });
});
