// What a user reads when a /regex/ of parse or like falls outside the portable subset
// (src/insights/compile/regex.ts): the code, the position of the construct, and the message
// naming it, why it is refused and what to write instead. The golden cases pin code and position.
import { describe, expect, it } from "vitest";
import { refusal } from "./refusal.js";

const UNPORTABLE = "not portable to Logs Insights";
const HYPERSCAN = "Logs Insights runs filter regexes on Hyperscan, which has none";
const BACKREFERENCE_FIX = "parse both parts into named groups and compare the fields, e.g. | filter first = second";
const LOOKAHEAD_FIX =
  "match the text that follows as part of the pattern, e.g. (?:[- ]|$) instead of (?=[- ]|$), or parse it into a field and filter on that";
const LOOKBEHIND_FIX =
  "match the text before it as part of the pattern and capture the rest, e.g. said: (?<reply>\\d+) instead of (?<=said: )\\d+";
const JAVA_NAMES = "Java's regexes take a letter followed by letters and digits only";
const CLASS_FIX = "write \\] for the character ], or [\\s\\S] for any character";
const FLAG_FIX = "use a leading (?i) for case-insensitive matching, or (?:...) for a group";

describe("a regex outside the portable subset", () => {
  // [query, the text the error points at (its first occurrence), the message]
  it.each([
    ["filter @message like /x\\Ahello/", "\\A", `\\A in a regex is not supported (${UNPORTABLE}); anchor with ^ or $`],
    [
      "filter @message like /\\p{L}+/",
      "\\p",
      `\\p in a regex is not supported (${UNPORTABLE}); write the characters it stands for as a class, e.g. [A-Za-z]`,
    ],
    ["filter @message like /(a)x\\1/", "\\1", `the backreference \\1 in a regex is not supported (${HYPERSCAN}); ${BACKREFERENCE_FIX}`],
    [
      "filter @message like /(?<x>a)\\k<x>/",
      "\\k",
      `the backreference \\k in a regex is not supported (${HYPERSCAN}); ${BACKREFERENCE_FIX}`,
    ],
    [
      "filter @message like /(a)[\\1]/",
      "\\1",
      `the octal escape \\1 in a regex is not supported (${UNPORTABLE}); write the character as \\xHH`,
    ],
    [
      "filter @message like /a\\01/",
      "\\0",
      `the octal escape \\0 in a regex is not supported (${UNPORTABLE}); write the character as \\xHH`,
    ],
    ["filter @message like /said(?=:)/", "(?=", `the lookahead (?= in a regex is not supported (${HYPERSCAN}); ${LOOKAHEAD_FIX}`],
    ["filter @message like /said(?!:)/", "(?!", `the lookahead (?! in a regex is not supported (${HYPERSCAN}); ${LOOKAHEAD_FIX}`],
    ["filter @message like /(?<=said: )\\d+/", "(?<=", `the lookbehind (?<= in a regex is not supported (${HYPERSCAN}); ${LOOKBEHIND_FIX}`],
    ["filter @message like /(?<!said: )\\d+/", "(?<!", `the lookbehind (?<! in a regex is not supported (${HYPERSCAN}); ${LOOKBEHIND_FIX}`],
    ["filter @message like /a(?s)b/", "(?s", `"(?s)" in a regex is not supported (${UNPORTABLE}); ${FLAG_FIX}`],
    // A ":" or "<" later in the pattern does not make the flag a group.
    ["filter @message like /a(?s)b:<c>/", "(?s", `"(?s)" in a regex is not supported (${UNPORTABLE}); ${FLAG_FIX}`],
    // A ] right after [ or [^ ends an empty class in JavaScript only: the engines disagree on what it matches.
    [
      "filter @message like /a[]b]/",
      "]",
      `a ] first in a class in a regex is not supported (JavaScript reads [] as a class of nothing, Java, PCRE and RE2 as a class holding ]); ${CLASS_FIX}`,
    ],
    [
      "filter @message like /said:[^]+/",
      "]",
      `a ] first in a class in a regex is not supported (JavaScript reads [^] as any character, Java, PCRE and RE2 as a class holding ]); ${CLASS_FIX}`,
    ],
    // The position counts the leading (?i), cut out of the pattern, also right after a leading ^.
    ["filter @message like /^(?i)(?=said)/", "(?=", `the lookahead (?= in a regex is not supported (${HYPERSCAN}); ${LOOKAHEAD_FIX}`],
  ])("%s: points at %j and says so", (query, at, detail) => {
    const error = refusal(query);
    expect({ code: error.code, line: error.line, column: error.column, detail: error.detail }).toEqual({
      code: "E_PARSE_UNSUPPORTED",
      line: 1,
      column: query.indexOf(at) + 1,
      detail,
    });
  });

  it.each([
    ["reply_code", "replyCode"],
    ["bad-name", "badName"],
    ["two--dashes", "twoDashes"],
    ["1st", "g1st"],
    ["last_", "last"],
  ])("the group name %j is refused at the name, suggesting %j", (name, suggestion) => {
    const query = `parse @message /x(?<${name}>\\d+)/`;
    const error = refusal(query);
    expect({ code: error.code, column: error.column, detail: error.detail }).toEqual({
      code: "E_PARSE_UNSUPPORTED",
      column: query.indexOf(name) + 1,
      detail: `the group name "${name}" in a regex is not supported (${JAVA_NAMES}); rename it, e.g. ${suggestion}`,
    });
  });

  it("leaves an empty group name to JavaScript: invalid, at the regex", () => {
    const query = "parse @message /x(?<>\\d+)/";
    const error = refusal(query);
    expect({ code: error.code, column: error.column }).toEqual({ code: "E_REGEX_INVALID", column: query.indexOf("/") + 1 });
    expect(error.detail).toMatch(/^the regex does not compile: Invalid regular expression: .*group/);
  });
});
