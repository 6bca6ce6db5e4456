// Logs Insights /regex/ literals to JS RegExp. The service's regex flavour is undocumented; its
// examples use named groups (?<name>...), \d \s \S, lazy quantifiers and a leading (?i)
// (CWL_QuerySyntax-Parse, CWL_QuerySyntax.md "Regular Expressions in the Filter Command", which
// also shows /^(?i)Exception$/). Rules here:
// - `(?i)` at the very start, or right after a leading `^`, becomes the JS `i` flag.
// - Constructs that JS would read differently or not at all are rejected with E_PARSE_UNSUPPORTED:
//   lookbehind (?<= (?<!, \p{..}/\P{..}, inline flags anywhere else ((?i) (?s) (?x) (?i:...)),
//   atomic groups (?>...), Python groups (?P<..>), and the escapes \A \Z \z \G \Q \E \h \H \R \X \K.
// - What still does not compile is E_REGEX_INVALID, at the position of the regex literal.
// Compiled WITHOUT the `u` flag, as the brief for this engine requires.
import type { RegexLiteral } from "./ast.js";
import type { QuerySource } from "./source.js";

export interface CompiledRegex {
  readonly regex: RegExp;
  /** The pattern without the leading (?i), as handed to RegExp. */
  readonly body: string;
  readonly ignoreCase: boolean;
  /** Named groups in order of appearance. */
  readonly groupNames: readonly string[];
}

const UNPORTABLE_ESCAPES = new Set(["A", "Z", "z", "G", "Q", "E", "h", "H", "R", "X", "K", "p", "P"]);

export function compileRegex(source: QuerySource, literal: RegexLiteral): CompiledRegex {
  let body = literal.source;
  let ignoreCase = false;
  const lead = /^(\^?)\(\?i\)/.exec(body);
  if (lead !== null) {
    ignoreCase = true;
    body = lead[1] + body.slice(lead[0].length);
  }
  const groupNames = scan(source, body, literal.start);
  let regex: RegExp;
  try {
    regex = new RegExp(body, ignoreCase ? "i" : "");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw source.error("E_REGEX_INVALID", `the regex does not compile: ${reason}`, literal.start, { cause: error });
  }
  return { regex, body, ignoreCase, groupNames };
}

/** Walks the pattern once: rejects unportable constructs and collects the named groups. */
function scan(source: QuerySource, body: string, at: number): string[] {
  const names: string[] = [];
  const unsupported = (what: string) => source.error("E_PARSE_UNSUPPORTED", `${what} in a regex is not supported (not portable to Logs Insights)`, at);
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const next = body[i + 1] ?? "";
      if (UNPORTABLE_ESCAPES.has(next)) throw unsupported(`\\${next}`);
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
    } else if (c === "(" && body[i + 1] === "?") {
      const rest = body.slice(i + 2);
      if (rest.startsWith("<=") || rest.startsWith("<!")) throw unsupported("lookbehind");
      const named = /^<([A-Za-z_$][\w$]*)>/.exec(rest);
      if (named !== null) names.push(named[1] as string);
      // Anything else after "(?" is an inline flag or a foreign group syntax; a malformed "(?<" is left
      // to RegExp, which reports it as E_REGEX_INVALID.
      else if (!/^[:=!<]/.test(rest)) throw unsupported(`"(?${rest.slice(0, 2)}"`);
    }
  }
  return names;
}
