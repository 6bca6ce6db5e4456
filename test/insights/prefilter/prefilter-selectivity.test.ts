// How much the prefilter skips: the file source reads on only the lines holding one of its
// literals, and searches a whole chunk at once for case-sensitive ones, so a weaker prefilter
// (shorter literals, more of them, (?i) where case would do, or none) makes a run slower. Its
// soundness is prefilter-equivalence.test.ts's.
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";

const prefilterOf = (query: string) => compileQuery(query).prefilter;

describe("of two requirements that must both hold, the prefilter keeps the more selective", () => {
  it.each([
    // The longer shortest literal wins, whichever side it is on.
    [`filter @message like "ab" and @message like "abc"`, ["abc"], false],
    [`filter @message like "abc" and @message like "ab"`, ["abc"], false],
    // The shortest literal of a set decides, not its longest.
    [`filter @message like /abcdef|x/ and @message like "abc"`, ["abc"], false],
    [`filter @message like "abc" and @message like /abcdef|x/`, ["abc"], false],
    // Equally long: the one with fewer literals.
    [`filter @message like "def" and @message like /abc|xyz/`, ["def"], false],
    [`filter @message like /abc|xyz/ and @message like "def"`, ["def"], false],
    [`filter @message like /abc|xyz/ | filter @message like "def"`, ["def"], false],
    // As many: the case-sensitive one, which the file source can search for in a whole chunk.
    [`filter @message like /(?i)abc/ and @message like "xyz"`, ["xyz"], false],
    [`filter @message like "xyz" and @message like /(?i)abc/`, ["xyz"], false],
    [`filter @message like /(?i)abc/ | filter @message like "xyz"`, ["xyz"], false],
    // A full tie: the first written.
    [`filter @message like "abc" and @message like "xyz"`, ["abc"], false],
    [`filter @message like /(?i)abc/ and @message like /(?i)xyz/`, ["abc"], true],
  ])("%s", (query, literals, ignoreCase) => {
    expect(prefilterOf(query)).toEqual({ literals, ignoreCase });
  });
});

describe("the prefilter reads a regex's literal text whole", () => {
  it.each([
    [String.raw`filter @message like /said:\t5/`, ["said:\t5"]],
    [String.raw`filter @message like /a\nb|c\rd|e\ff|g\vh/`, ["a\nb", "c\rd", "e\ff", "g\vh"]],
    [String.raw`filter @message like /status=sen{1}t/`, ["status=sent"]],
    [String.raw`filter @message like /status=sen{1}?t/`, ["status=sent"]],
    [String.raw`filter @message like /status=s+ent/`, ["status=s"]],
    [String.raw`filter @message like /status=s{2}ent/`, ["status=s"]],
    [String.raw`filter @message like /said:\s<user@example>/`, ["<user@example>"]],
    [String.raw`filter @message like /said:\w<user@example>/`, ["<user@example>"]],
    [String.raw`filter @message like /\xZZ ab said/`, ["ZZ ab said"]],
    [String.raw`filter @message like /\x4Z said/`, ["4Z said"]],
    [String.raw`filter @message like /\u004Z said cafe/`, ["004Z said cafe"]],
    [String.raw`filter @message like /\c1 said c/`, ["1 said c"]],
    [String.raw`filter @message like /x{,3}said/`, ["x{,3}said"]],
    [String.raw`filter @message like /[x]said: |[\]]x|[^z]y/`, ["said: ", "x", "y"]],
  ])("%s", (query, literals) => {
    expect(prefilterOf(query)).toEqual({ literals, ignoreCase: false });
  });
});

describe("a filter on a field set only by a parse of @message requires the parse's literals", () => {
  const parse = `parse @message "status=* " as status`;
  it.each([
    `filter status`,
    `filter status = "sent"`,
    `filter status != "sent"`,
    `filter status < "m"`,
    `filter status > "m"`,
    `filter status <= "m"`,
    `filter status >= "m"`,
    `filter status in ["sent", "bounced"]`,
    `filter status not in ["sent"]`,
    `filter status like "s"`,
    `filter status not like "s"`,
    `filter ispresent(status)`,
    `filter strcontains(status, "s")`,
    `filter "sent" = status`,
  ])(`${parse} | %s`, (filter) => {
    expect(prefilterOf(`${parse} | ${filter}`)).toEqual({ literals: ["status="], ignoreCase: false });
  });

  it.each([
    `fields @message | filter @message like "said: "`,
    `fields @message, strlen(@message) as n | filter @message like "said: "`,
    `fields strlen(@message) as n | filter @message like "said: "`,
    `fields @logStream as stream | filter @message like "said: "`,
  ])("%s: @message is left as it is", (query) => {
    expect(prefilterOf(query)).toEqual({ literals: ["said: "], ignoreCase: false });
  });

  it.each([`filter strcontains(@message, "said: ")`, `filter ISPRESENT(reply) and StrContains(@message, "said: ")`])(
    "%s: function names in any case",
    (query) => {
      expect(prefilterOf(query)).toEqual({ literals: ["said: "], ignoreCase: false });
    },
  );
});

describe("a parse glob's requirement is its longest literal, wherever it is", () => {
  it.each([
    [`parse @message "*id=* status=*;" as t, id, s`, " status="],
    [`parse @message "id=* status=*;" as id, s`, " status="],
    [`parse @message "* status=* id=*" as t, s, id`, " status="],
  ])("%s", (parse, literal) => {
    expect(prefilterOf(`${parse} | filter ispresent(s)`)).toEqual({ literals: [literal], ignoreCase: false });
  });
});
