// The pieces random queries are built from: every word the parser and the registries know (taken
// from the engine's own tables, so a new command or function joins the fuzzing by itself), plus
// literals of each token kind, well-formed and broken, and characters that start no token.
import { AGGREGATES } from "../../src/insights/library/aggregates.js";
import { FUNCTIONS, UNSUPPORTED_FUNCTIONS } from "../../src/insights/library/functions.js";
import { COMMAND_PARSERS, UNSUPPORTED_COMMANDS } from "../../src/insights/syntax/parse-commands.js";
import { PUNCTUATION, WORD_OPERATORS } from "../../src/insights/syntax/tokens.js";

const KEYWORDS = ["as", "by", "asc", "desc", "logfmt", "csv", "multi", "offset", "AS", "By", "NOT", "Like"];
const FIELDS = [
  "@message",
  "@timestamp",
  "@logStream",
  "@log",
  "@ingestionTime",
  "status",
  "dsn",
  "a.b",
  "_x",
  "@",
  "count",
  "__proto__",
  "constructor",
];
const NUMBERS = ["0", "1", "-1", "2", "42", "1.5", ".5", "1e3", "1e400", "1e-400", "99999999999999999999", "0.0000001", "3.", "1e", "00"];
const DURATIONS = [
  "5m",
  "1h",
  "0s",
  "30sec",
  "1ms",
  "2d",
  "1w",
  "1mo",
  "2q",
  "1y",
  "3x",
  "1.5mo",
  "0.5ms",
  "1e400m",
  "99999999999999999999y",
  "5minutes",
  "7m",
];
const STRINGS = [
  '"a"',
  "'b'",
  '""',
  '"said: "',
  '"*"',
  '"a * b * c"',
  '"esc\\n\\t\\"q"',
  '"\\',
  '"open',
  "'open",
  '"ünï日本"',
  '"\u0000"',
  '"%"',
];
const REGEXES = [
  "/a/",
  "/dsn=(?<dsn>\\d\\.\\d{1,3}\\.\\d{1,3})/",
  "/(?i)said/",
  "/^(?i)x$/",
  "/[/]/",
  "/\\//",
  "/(/",
  "/(?<=a)b/",
  "/\\p{L}/",
  "/(?i:x)/",
  "/(?<a>x)(?<a>y)/",
  "/(?<bad-name>x)/",
  "/x{2,1}/",
  "/open",
  "/(?<n>.*)*$/",
  "/[\\d-z]/",
  "//",
];
const BACKQUOTED = ["`odd name`", "`@message`", "``", "`open"];
const TRIVIA = ["# comment\n", "\n", "\t", "\r\n", " "];
const ODD_CHARACTERS = [";", "$", "{", "}", "~", "!", "?", "\\", ":", "&", "é", "日", "\u0000", "\u{1F600}", "\ud800", "'", '"', "`", "."];

export const VOCABULARY: readonly string[] = [
  ...Object.keys(COMMAND_PARSERS),
  ...UNSUPPORTED_COMMANDS,
  ...Object.keys(FUNCTIONS),
  ...UNSUPPORTED_FUNCTIONS,
  ...Object.keys(AGGREGATES),
  "count(*)",
  "bin(5m)",
  "unknownFn",
  ...WORD_OPERATORS,
  ...PUNCTUATION,
  ...KEYWORDS,
  ...FIELDS,
  ...NUMBERS,
  ...DURATIONS,
  ...STRINGS,
  ...REGEXES,
  ...BACKQUOTED,
  ...TRIVIA,
  ...ODD_CHARACTERS,
];

export const COMMANDS: readonly string[] = [...Object.keys(COMMAND_PARSERS), ...UNSUPPORTED_COMMANDS];

/** Single characters for character-level mutations: the lexer's delimiters and a few hostile ones. */
export const MUTATION_CHARACTERS: readonly string[] = [
  ..."|()[],/\\\"'`#*=<>!~-+^%.@ \n\t\r0123456789aZ_",
  "é",
  "\u0000",
  "\ud83d",
  "\u2028",
];
