// Query := Command ("|" Command)*. Commands are separated by `|`; `#` starts a comment
// (CWL_QuerySyntax.html). Structural rules that span commands are checked here.
import type { Command } from "./ast.js";
import { COMMAND_PARSERS, UNSUPPORTED_COMMANDS } from "./parse-commands.js";
import { QuerySource } from "./query-source.js";
import { TokenStream } from "./token-stream.js";

export function parseQuery(text: string): { commands: Command[]; source: QuerySource } {
  const source = new QuerySource(text);
  const ts = new TokenStream(source);
  const commands: Command[] = [];
  do commands.push(parseCommand(ts));
  while (ts.eatPunct("|"));
  if (ts.tok.kind !== "eof") ts.raise("E_PARSE_EXPECTED", `expected "|" or the end of the query but found ${ts.describe()}`);
  checkDedupIsLast(ts, commands);
  return { commands, source };
}

function parseCommand(ts: TokenStream): Command {
  const token = ts.tok;
  if (token.kind !== "ident")
    return ts.raise("E_PARSE_EXPECTED", `expected a command such as fields, filter or stats but found ${ts.describe()}`);
  const word = token.value.toLowerCase();
  const parser = COMMAND_PARSERS[word];
  if (parser === undefined) {
    if (UNSUPPORTED_COMMANDS.has(word)) ts.raise("E_PARSE_UNSUPPORTED", `the ${word} command is not supported by the local engine`);
    ts.raise("E_PARSE_COMMAND", `unknown command ${ts.describe()}; use fields, display, filter, parse, stats, sort, limit or dedup`);
  }
  ts.advance();
  return parser.parse(ts, token.start);
}

/** CWL_QuerySyntax-Dedup: "The only query command that you can use in a query after the dedup command is limit." */
function checkDedupIsLast(ts: TokenStream, commands: readonly Command[]): void {
  const dedup = commands.findIndex((c) => c.kind === "dedup");
  if (dedup < 0) return;
  const offender = commands.slice(dedup + 1).find((c) => c.kind !== "limit");
  if (offender !== undefined) ts.raise("E_DEDUP_ORDER", `${offender.kind} cannot follow dedup; only limit may`, offender.start);
}
