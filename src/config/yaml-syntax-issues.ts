// YAML syntax errors as ConfigIssues. A file that is not YAML at all (a log file given where a
// query definition belongs) fails on nearly every line: list the first few, count the rest, and
// say what the file seems to be.
import type { LineCounter, YAMLError } from "yaml";
import type { ConfigIssue } from "../errors.js";

/** The most syntax errors listed; the rest are counted in one line. */
export const MAX_LISTED_SYNTAX_ERRORS = 5;

/** Starts like a syslog or RFC 3339 log line (`Nov 28 10:01:10 mx postfix/smtp[1]: …`). */
const LOG_LINE = /^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]?\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d)\b/;

export interface SyntaxIssueOptions {
  /** Added as the last issue when the text does not look like YAML at all. */
  readonly notYamlHint?: string;
}

export function syntaxIssues(
  text: string,
  errors: readonly YAMLError[],
  lineCounter: LineCounter,
  options: SyntaxIssueOptions = {},
): ConfigIssue[] {
  const issues: ConfigIssue[] = errors.slice(0, MAX_LISTED_SYNTAX_ERRORS).map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { path: "", line, column: col, message: `invalid YAML: ${firstSentence(error.message)}` };
  });
  const more = errors.length - issues.length;
  if (more > 0) issues.push({ path: "", message: `and ${more} more YAML ${more === 1 ? "error" : "errors"}` });
  if (options.notYamlHint !== undefined && !looksLikeYaml(text, errors, lineCounter))
    issues.push({ path: "", message: options.notYamlHint });
  return issues;
}

/** False when the first content line is a log line, or when most content lines have a syntax error. */
function looksLikeYaml(text: string, errors: readonly YAMLError[], lineCounter: LineCounter): boolean {
  const content = text.split("\n").filter((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
  if (content.length > 0 && LOG_LINE.test(content[0]!)) return false;
  const failing = new Set(errors.map((error) => lineCounter.linePos(error.pos[0]).line));
  return failing.size * 2 <= content.length;
}

function firstSentence(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
