// Every error the lexer and parser give a query, as the user reads it: code, line:column and text.
import { describe, expect, it } from "vitest";
import { queryError as error } from "../query-error.js";
import { MAX_EXPRESSION_DEPTH } from "../../../src/insights/syntax/parse-expression.js";

/** `depth` nested levels: each parenthesis opens one more below `filter`'s own. */
const nested = (depth: number) => `filter ${"(".repeat(depth - 1)}1${")".repeat(depth - 1)}`;

describe("syntax errors", () => {
  it.each([
    // Characters that start no token, and literals left open.
    ["filter a ! b", 'E_LEX_CHAR 1:10 unexpected character "!"'],
    ["fields a | filter 1 + .", 'E_LEX_CHAR 1:23 unexpected character "."'],
    ["filter @message like /abc", "E_LEX_UNTERMINATED 1:22 regex is not closed with /"],
    ["filter @message like /abc\n/", "E_LEX_UNTERMINATED 1:22 regex is not closed with /"],
    ['filter @message like "abc', 'E_LEX_UNTERMINATED 1:22 string is not closed with "'],
    ["filter @message like 'abc", "E_LEX_UNTERMINATED 1:22 string is not closed with '"],
    ["fields `my field", "E_LEX_UNTERMINATED 1:8 backquoted name is not closed with `"],
    // Between commands.
    ["| fields a", 'E_PARSE_EXPECTED 1:1 expected a command such as fields, filter or stats but found "|"'],
    ["fields a | 5", 'E_PARSE_EXPECTED 1:12 expected a command such as fields, filter or stats but found "5"'],
    ["fields a | head 3", "E_PARSE_UNSUPPORTED 1:12 the head command is not supported by the local engine"],
    ["fields a | grep x", 'E_PARSE_COMMAND 1:12 unknown command "grep"; use fields, display, filter, parse, stats, sort, limit or dedup'],
    ["fields a b", 'E_PARSE_EXPECTED 1:10 expected "|" or the end of the query but found "b"'],
    // A quoted keyword or comma is a string, never the keyword or the punctuation.
    ['fields a "," b', 'E_PARSE_EXPECTED 1:10 expected "|" or the end of the query but found "\\",\\""'],
    ['fields a | display a "|" b', 'E_PARSE_EXPECTED 1:22 expected "|" or the end of the query but found "\\"|\\""'],
    ['fields a "as" b', 'E_PARSE_EXPECTED 1:10 expected "|" or the end of the query but found "\\"as\\""'],
    ['filter a "and" b', 'E_PARSE_EXPECTED 1:10 expected "|" or the end of the query but found "\\"and\\""'],
    ["dedup a | sort a", "E_DEDUP_ORDER 1:11 sort cannot follow dedup; only limit may"],
    ["fields a | dedup a | limit 2 | fields a", "E_DEDUP_ORDER 1:32 fields cannot follow dedup; only limit may"],
    // Commands.
    ["display 1", 'E_PARSE_EXPECTED 1:9 expected a field name but found "1"'],
    ["dedup 1", 'E_PARSE_EXPECTED 1:7 expected a field name but found "1"'],
    ["fields a as 1", 'E_PARSE_EXPECTED 1:13 expected a name after "as" but found "1"'],
    ["fields a as", 'E_PARSE_EXPECTED 1:12 expected a name after "as" but found the end of the query'],
    ["parse logfmt", 'E_PARSE_UNSUPPORTED 1:7 parse logfmt mode is not supported; use a glob "..." or a /regex/'],
    ["parse csv", 'E_PARSE_UNSUPPORTED 1:7 parse csv mode is not supported; use a glob "..." or a /regex/'],
    ["parse @message csv", 'E_PARSE_UNSUPPORTED 1:16 parse csv mode is not supported; use a glob "..." or a /regex/'],
    ["parse /(?<a>x)/ multi", "E_PARSE_UNSUPPORTED 1:17 parse ... multi (multi-match mode) is not supported"],
    ["parse 5 as a", 'E_PARSE_EXPECTED 1:7 expected a "glob pattern" or a /regex/ after parse but found "5"'],
    ['parse "a=*" b', 'E_PARSE_EXPECTED 1:13 expected "as" and field names after the glob pattern but found "b"'],
    ['parse "a=*"', 'E_PARSE_EXPECTED 1:12 expected "as" and field names after the glob pattern but found the end of the query'],
    ['parse "*" as 1', 'E_PARSE_EXPECTED 1:14 expected a field name but found "1"'],
    ['parse "a=* b=*" as a', 'E_PARSE_ARITY 1:7 the glob pattern has 2 * but 1 name follows "as"; give one name per *'],
    ['parse "a=*" as a, b', 'E_PARSE_ARITY 1:7 the glob pattern has 1 * but 2 names follow "as"; give one name per *'],
    ["stats by x", 'E_PARSE_EXPECTED 1:7 expected an aggregate such as count(*) before "by"'],
    ["stats count(*) by bin(5m) offset 1m", "E_PARSE_UNSUPPORTED 1:27 bin(...) offset is not supported"],
    ['fields a | limit "5"', 'E_PARSE_EXPECTED 1:18 expected a positive whole number after limit but found "\\"5\\""'],
    ["fields a | limit 1.5", 'E_PARSE_EXPECTED 1:18 expected a positive whole number after limit but found "1.5"'],
    // Expressions.
    ["filter", "E_PARSE_EXPECTED 1:7 expected an expression but found the end of the query"],
    ["filter )", 'E_PARSE_EXPECTED 1:8 expected an expression but found ")"'],
    ["filter and x", 'E_PARSE_EXPECTED 1:8 expected an expression but found "and"'],
    ["filter (1", 'E_PARSE_EXPECTED 1:10 expected ")" but found the end of the query'],
    ["filter a not b", 'E_PARSE_EXPECTED 1:14 expected "like" or "in" after "not" but found "b"'],
    ["filter a like 5", 'E_PARSE_EXPECTED 1:15 expected a "string" or a /regex/ but found "5"'],
    ["filter a =~", 'E_PARSE_EXPECTED 1:12 expected a "string" or a /regex/ but found the end of the query'],
    ["filter x in 1", 'E_PARSE_EXPECTED 1:13 expected "[" but found "1"'],
    ["filter x in [1", 'E_PARSE_EXPECTED 1:15 expected "]" but found the end of the query'],
    ["filter x in [a]", 'E_PARSE_EXPECTED 1:14 expected a number or a "string" in the list but found "a"'],
    ['filter x in [-"a"]', 'E_PARSE_EXPECTED 1:15 expected a number or a "string" in the list but found "\\"a\\""'],
    ["filter /abc/", "E_PARSE_EXPECTED 1:8 a /regex/ is only valid after like or =~, or in parse"],
  ])("%j: %s", (query, expected) => {
    expect(error(query)).toBe(expected);
  });

  it(`accepts an expression ${MAX_EXPRESSION_DEPTH} levels deep and refuses one a level deeper, where it starts`, () => {
    expect(error(nested(MAX_EXPRESSION_DEPTH))).toBe("no error");
    expect(error(nested(MAX_EXPRESSION_DEPTH + 1))).toBe(
      `E_PARSE_UNSUPPORTED 1:${8 + MAX_EXPRESSION_DEPTH} the expression nests or chains more than ${MAX_EXPRESSION_DEPTH} levels deep; ` +
        "split it, or use in [...] for a long or-chain",
    );
  });
});
