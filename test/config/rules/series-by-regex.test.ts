// The one-series rule reads what a query's regex groups can capture (insights/analysis/regex-shape.ts)
// to tell two queries' metric names apart: two queries whose `{k}` names can be equal are refused
// with an example name, two that cannot are accepted. Each row is a pair of queries as a user
// writes them; the verdict is what the config load says.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { ConfigError } from "../../../src/errors.js";
import { tempTree } from "../temp-tree.js";

/** A query definition counting rows by `k` and publishing each under the metric name "{k}". */
const query = (name: string, commands: string) => `name: ${name}
query: |
  ${commands}
  | filter ispresent(k)
  | stats count(*) as n by k, bin(5m) as t
metric: { name: "{k}", value: n, timestamp: t }
`;

/** `k` as the named group of a regex. */
const group = (regex: string) => `parse @message /${regex}/`;

/** "apart" when the config loads, else the example name the refusal gives (or its words for none). */
async function verdict(a: string, b: string): Promise<string> {
  const dir = tempTree({
    "config.yaml":
      "source: { type: files, paths: [mail.log] }\nsink: { type: cloudwatch, namespace: Mail/Test }\nqueries:\n  - file: a.yaml\n  - file: b.yaml\n",
    "a.yaml": query("a", a),
    "b.yaml": query("b", b),
  });
  try {
    await loadConfig(join(dir, "config.yaml"), { env: {} });
    return "apart";
  } catch (error) {
    const example = error instanceof ConfigError ? /can both be ("(?:[^"\\]|\\.)*"|the same name), with/.exec(error.message) : null;
    if (example === null) throw error;
    return example[1]!.startsWith('"') ? JSON.parse(example[1]!) : example[1]!;
  }
}

/** n two-letter words, none of them "ba". */
const words = (n: number) => Array.from({ length: n }, (_, i) => (i < 25 ? "a" : "c") + String.fromCharCode(98 + (i % 25))).join("|");
/** 48 letters in which no "b" is followed by an "a". */
const LETTERS_48 = "abcdefghijklmnopqrstuvwxyz".repeat(2).slice(0, 48);

const digits = group("(?<k>[0-9]+)");
const letters = group("(?<k>[a-z]+)");

describe("the one-series rule, over names made from regex groups", () => {
  it.each([
    // Anchors and word boundaries match no character.
    ["^ and $ inside the group", group("(?<k>^[a-z]+$)"), letters, "a"],
    ["a \\b inside the group", group(String.raw`(?<k>\b[a-z]+)`), letters, "a"],
    ["a \\b on each side, next to digits", group(String.raw`(?<k>\b[a-z]+\b)`), digits, "apart"],
    ["a \\B, next to digits", group(String.raw`(?<k>\B[a-z]+)`), digits, "apart"],
    // . takes anything, which publishing may encode into any printable text.
    [". in the group", group("id=(?<k>.+)"), letters, "a"],
    // In a class, \b is a backspace: a control character, encoded on publishing.
    ["[\\b] in a class", group(String.raw`(?<k>[\bx]+)`), digits, "0"],
    // \. is a dot, not the control character \c would make.
    ["an escaped dot before letters", group(String.raw`(?<k>[a-z]+\.com)`), digits, "apart"],
    // Escapes the engines read differently (\x, \u, \c without their digits or letter) are not
    // followed: every group of that regex can hold anything.
    ["\\x without two hex digits before the group", group(String.raw`\xZ12(?<k>[a-z]+)`), digits, "0"],
    ["\\u without four hex digits before the group", group(String.raw`\uZ0041(?<k>[a-z]+)`), digits, "0"],
    ["\\c without a letter before the group", group(String.raw`\c1a(?<k>[a-z]+)`), digits, "0"],
    // A class escape at one end of a range: the range is the escape, "-" and the other end.
    ["[\\d-z], a '-' it holds", group(String.raw`(?<k>[\d-z]+)`), group("(?<k>[a-y-]+)"), "-"],
    ["[a-\\d], a '-' it holds", group(String.raw`(?<k>[a-\d]+)`), group("(?<k>[b-y-]+)"), "-"],
    ["[a-a], a range of one", group("(?<k>[a-a]+)"), group("(?<k>a)"), "a"],
    // Groups inside the named one.
    ["a capturing group inside", group("(?<k>(sent|bounced))"), group("(?<k>s[a-z]+)"), "sent"],
    ["the group inside a non-capturing one", group("(?:a(?<k>[0-9]+))"), letters, "apart"],
    ["a non-capturing group followed by '?='", group("(?<k>(?:x|y)z?=[0-9]+)"), group("(?<k>x=[0-9]+)"), "x=0"],
    // Quantifiers.
    ["{10}", group("(?<k>[0-9]{10})"), digits, "0000000000"],
    ["{3} and {4}", group("(?<k>[0-9]{3})"), group("(?<k>[0-9]{4})"), "apart"],
    ["{2,}", group("(?<k>[0-9]{2,})"), digits, "00"],
    ["a brace that is no quantifier, next to letters", group("(?<k>[0-9]{x}[a-z]{2})"), letters, "apart"],
    ["a brace that is no quantifier, next to digits then letters", group("(?<k>[0-9]{x}[a-z]{2})"), group("(?<k>[0-9]+[a-z]+)"), "apart"],
    ["a lazy +?", group("(?<k>[0-9]+?)"), digits, "0"],
    ["a lazy +? and a '+'", group("(?<k>[0-9]+?)"), group(String.raw`(?<k>[0-9]{1,9}\+)`), "apart"],
    ["{0}", group("(?<k>x(?:ab){0})"), group("(?<k>xa)"), "apart"],
    ["(?:ab)c", group("(?<k>(?:ab)c)"), group("(?<k>bac)"), "apart"],
    ["(?:ab)?c", group("(?<k>(?:ab)?c)"), group("(?<k>bac)"), "apart"],
    ["(?:ab)*c", group("(?<k>(?:ab)*c)"), group("(?<k>ababc)"), "ababc"],
    ["x(?:ab)*, which may be x alone", group("(?<k>x(?:ab)*)"), group("(?<k>x)"), "x"],
    ["x(?:a?|b)+, which may be x alone", group("(?<k>x(?:a?|b)+)"), group("(?<k>x)"), "x"],
    ["x(?:a?b|c)+, which may not", group("(?<k>x(?:a?b|c)+)"), group("(?<k>x)"), "apart"],
    ["an empty group repeated, which adds nothing", group("(?<k>x(?:)*)"), group("(?<k>x)"), "x"],
    ["(?:a|bc)+", group("(?<k>(?:a|bc)+)"), group("(?<k>bc)"), "bc"],
    // A repeat bounded above 64 counts as unbounded (string-shape.ts: it keeps the search small).
    ["{1,64}, compared as it is", group("(?<k>[a-z]{1,64})"), group("(?<k>[a-z]{60}[a-z]{5})"), "apart"],
    ["{1,100}, counted as unbounded", group("(?<k>[a-z]{1,100})"), group("(?<k>[a-z]{60}[a-z]{41})"), "a".repeat(101)],
    // Past 32 alternatives or 48 parts a name is compared by its characters only: a clash may be
    // reported that is none, never the other way round.
    ["32 alternatives, compared one by one", group(`(?<k>${words(32)})`), group("(?<k>ba)"), "apart"],
    ["33 alternatives, compared by their characters", group(`(?<k>${words(33)})`), group("(?<k>ba)"), "ba"],
    ["48 characters after an empty group, compared as they are", group(`(?<k>(?:)*${LETTERS_48})`), group("(?<k>ba)"), "apart"],
    ["48 characters, compared as they are", group(`(?<k>${LETTERS_48})`), group("(?<k>ba)"), "apart"],
    ["49 characters in one branch, compared by their characters", group(`(?<k>(?:x|${LETTERS_48})z)`), group("(?<k>ba)"), "ba"],
    // Characters beyond ASCII are encoded on publishing: such a name may become any printable text.
    ["bytes beyond ASCII", group(String.raw`(?<k>[\x80-\xff]+)`), digits, "0"],
    ["the one character \\x80 as a range", group(String.raw`(?<k>[\x80-\x80])`), digits, "0"],
    ["a class with é", group("(?<k>[a-zé]+)"), digits, "0"],
    ["\\x80 in a case-insensitive regex", group(String.raw`(?i)(?<k>[a-z]+\x80)`), digits, "0"],
    // A leading (?i) makes both cases of each letter, and nothing else.
    ["(?i)", group("(?i)(?<k>sent)"), digits, "apart"],
    ["(?i), next to upper case", group("(?i)(?<k>sent)"), group("(?<k>SENT)"), "SENT"],
  ])("%s", async (_, a, b, expected) => {
    expect(await verdict(a, b)).toBe(expected);
  });

  it("refuses two names it cannot tell apart within its budget, without an example", async () => {
    const long = (end: string) => group(`(?<k>[a-z]{0,40}[a-z]{0,40}[a-z]{0,40}${end})`);
    expect(await verdict(long("1"), long("2"))).toBe("the same name");
  });

  it("maps only the replaced character", async () => {
    const replaced = `${letters}\n  | fields replace(k, "-", "_") as k`;
    expect(await verdict(replaced, group("(?<k>_)"))).toBe("apart");
  });
});
