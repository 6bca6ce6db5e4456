// Logs Insights /regex/ literals to JS RegExp. The service's regex flavour is undocumented; its
// examples use named groups (?<name>...), \d \s \S, lazy quantifiers and a leading (?i)
// (CWL_QuerySyntax-Parse, CWL_QuerySyntax.md "Regular Expressions in the Filter Command", which
// also shows /^(?i)Exception$/). The CloudWatch Logs user guide (2023 edition) says filter regexes
// run on Hyperscan, which refuses backreferences and "arbitrary zero-width assertions", i.e.
// lookahead and lookbehind (Hyperscan Developer Reference, "Compiling Patterns", Unsupported
// Constructs). Which engine runs `parse` is not documented, so every regex keeps to the subset
// that JavaScript, Java, PCRE and RE2 read alike. Rules here:
// - `(?i)` at the very start, or right after a leading `^`, becomes the JS `i` flag.
// - Refused with E_PARSE_UNSUPPORTED, at the construct and with what to write instead:
//   lookahead (?= (?!, lookbehind (?<= (?<!, backreferences \1 \k<name>, octal escapes, group names other than
//   a letter followed by letters and digits (Java rejects `_`), \p{..}/\P{..}, inline flags
//   anywhere else ((?i) (?s) (?x) (?i:...)), atomic groups (?>...), Python groups (?P<..>), and
//   the escapes \A \Z \z \G \Q \E \h \H \R \X \K \g, and a `]` first in a class ([] [^] []a]), which
//   JavaScript reads as the end of an empty class and the others as a literal `]`.
// - What still does not compile is E_REGEX_INVALID, at the position of the regex literal.
// Compiled WITHOUT the `u` flag, as the brief for this engine requires.
import type { RegexLiteral } from "../syntax/ast.js";
import type { QuerySource } from "../syntax/query-source.js";

export interface CompiledRegex {
  readonly regex: RegExp;
  /** The pattern without the leading (?i), as handed to RegExp. */
  readonly body: string;
  readonly ignoreCase: boolean;
  /** Named groups in order of appearance. */
  readonly groupNames: readonly string[];
}

const UNPORTABLE_ESCAPES = new Set(["A", "Z", "z", "G", "Q", "E", "h", "H", "R", "X", "K", "p", "P", "g"]);
const PORTABLE_GROUP_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

const HYPERSCAN = "Logs Insights runs filter regexes on Hyperscan, which has none";
const LOOKAHEAD_FIX =
  "match the text that follows as part of the pattern, e.g. (?:[- ]|$) instead of (?=[- ]|$), or parse it into a field and filter on that";
const LOOKBEHIND_FIX =
  "match the text before it as part of the pattern and capture the rest, e.g. said: (?<reply>\\d+) instead of (?<=said: )\\d+";
const BACKREFERENCE_FIX = "parse both parts into named groups and compare the fields, e.g. | filter first = second";

export function compileRegex(source: QuerySource, literal: RegexLiteral): CompiledRegex {
  let body = literal.source;
  let ignoreCase = false;
  // Offset of body[i] in the query text: the leading (?i) is cut out of the body.
  let at = (i: number) => literal.start + 1 + i;
  const lead = /^(\^?)\(\?i\)/.exec(body);
  if (lead !== null) {
    ignoreCase = true;
    const kept = lead[1]!.length;
    body = lead[1] + body.slice(lead[0].length);
    at = (i) => literal.start + 1 + (i < kept ? i : i + lead[0].length - kept);
  }
  const groupNames = scan(source, body, at);
  let regex: RegExp;
  try {
    regex = new RegExp(body, ignoreCase ? "i" : "");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw source.error("E_REGEX_INVALID", `the regex does not compile: ${reason}`, literal.start, { cause: error });
  }
  return { regex, body, ignoreCase, groupNames };
}

/** Walks the pattern once: rejects unportable constructs (at their own position) and collects the named groups. */
function scan(source: QuerySource, body: string, at: (i: number) => number): string[] {
  const names: string[] = [];
  const refuse = (i: number, what: string, why: string, fix: string) =>
    source.error("E_PARSE_UNSUPPORTED", `${what} in a regex is not supported (${why}); ${fix}`, at(i));
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const next = body[i + 1] ?? "";
      if (UNPORTABLE_ESCAPES.has(next)) {
        throw refuse(
          i,
          `\\${next}`,
          "not portable to Logs Insights",
          "AZzG".includes(next) ? "anchor with ^ or $" : "write the characters it stands for as a class, e.g. [A-Za-z]",
        );
      }
      if (/[1-9]/.test(next) || (next === "0" && /[0-9]/.test(body[i + 2] ?? ""))) {
        throw inClass || next === "0"
          ? refuse(i, `the octal escape \\${next}`, "not portable to Logs Insights", "write the character as \\xHH")
          : refuse(i, `the backreference \\${next}`, HYPERSCAN, BACKREFERENCE_FIX);
      }
      if (next === "k") throw refuse(i, "the backreference \\k", HYPERSCAN, BACKREFERENCE_FIX);
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
      const first = body[i + 1] === "^" ? i + 2 : i + 1;
      if (body[first] === "]") {
        const why = `JavaScript reads ${body.slice(i, first + 1)} as ${first === i + 1 ? "a class of nothing" : "any character"}, Java, PCRE and RE2 as a class holding ]`;
        throw refuse(first, "a ] first in a class", why, "write \\] for the character ], or [\\s\\S] for any character");
      }
    } else if (c === "(" && body[i + 1] === "?") {
      const rest = body.slice(i + 2);
      if (rest.startsWith("=") || rest.startsWith("!")) throw refuse(i, `the lookahead (?${rest[0]}`, HYPERSCAN, LOOKAHEAD_FIX);
      if (rest.startsWith("<=") || rest.startsWith("<!"))
        throw refuse(i, `the lookbehind (?${rest.slice(0, 2)}`, HYPERSCAN, LOOKBEHIND_FIX);
      const named = /^<([^>]*)>/.exec(rest);
      if (named !== null && PORTABLE_GROUP_NAME.test(named[1]!)) names.push(named[1]!);
      else if (named !== null && named[1] !== "" && !/[()]/.test(named[1]!)) {
        const why = "Java's regexes take a letter followed by letters and digits only";
        throw refuse(i + 3, `the group name "${named[1]}"`, why, `rename it, e.g. ${portableName(named[1]!)}`);
      }
      // Anything else after "(?" is an inline flag or a foreign group syntax; a malformed "(?<" is left
      // to RegExp, which reports it as E_REGEX_INVALID.
      else if (!/^[:<]/.test(rest))
        throw refuse(
          i,
          `"(?${rest.slice(0, 2)}"`,
          "not portable to Logs Insights",
          "use a leading (?i) for case-insensitive matching, or (?:...) for a group",
        );
    }
  }
  return names;
}

/** `reply_code` → `replyCode`, `bad-name` → `badName`, `1st` → `g1st`: a suggestion in the portable form. */
function portableName(name: string): string {
  const camel = name.replace(/[^A-Za-z0-9]([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, "");
  return /^[A-Za-z]/.test(camel) ? camel : `g${camel}`;
}
