// The error taxonomy. Commands throw these; only src/main.ts turns them into exit codes
// (see EXIT_CODES there). A message says what failed, where, the value and the fix.

/** Bad command-line usage: exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** One problem in a config or query-definition file, at a key path (and line when known). */
export interface ConfigIssue {
  /** The file it is in, when not the ConfigError's own: one of a config's query files. */
  readonly file?: string;
  /** Dotted key path, e.g. `queries[2].metric.value`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the file, when the YAML position is known. */
  readonly line?: number;
  /** 1-based column, when known (YAML syntax errors); printed as file:line:col. */
  readonly column?: number;
}

/** A config or query-definition file that cannot be used: exit 2. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
    options?: ErrorOptions,
  ) {
    super(formatIssues(file, issues), options);
  }
}

function formatIssues(file: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const where = place(issue.file ?? file, issue.line, issue.column);
    return issue.path === "" ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
  });
  return lines.join("\n");
}

/** Where a query string sits in a file (a query definition's `query:`): line and column there. */
export interface QueryFilePosition {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** `file`, `file:line` or `file:line:column`. */
function place(file: string, line: number | undefined, column: number | undefined): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** A Logs Insights query outside the supported subset, or invalid: exit 2. Codes are stable. */
export class QuerySyntaxError extends Error {
  override readonly name = "QuerySyntaxError";
  /** Set once the query is known to come from a file; the message then starts with `file:line:col: query: `. */
  readonly at: QueryFilePosition | undefined;
  /** The message without that start: `detail (line:column) [code]`. */
  readonly problem: string;
  constructor(
    readonly code: QueryErrorCode,
    readonly detail: string,
    /** 1-based line and column in the query string. */
    readonly line: number,
    readonly column: number,
    options?: ErrorOptions & { readonly at?: QueryFilePosition },
  ) {
    const at = options?.at;
    const problem = `${detail} (${line}:${column}) [${code}]`;
    super(`${at === undefined ? "" : `${place(at.file, at.line, at.column)}: query: `}${problem}`, options);
    this.at = at;
    this.problem = problem;
  }
}

export type QueryErrorCode =
  | "E_LEX_UNTERMINATED" // string, regex or backquoted name not closed
  | "E_LEX_CHAR" // a character that starts no token
  | "E_PARSE_EXPECTED" // the grammar wanted something else here
  | "E_PARSE_UNSUPPORTED" // valid Logs Insights, but outside the subset this engine implements
  | "E_PARSE_COMMAND" // unknown command
  | "E_PARSE_ARITY" // wrong number of arguments, or of `as` names
  | "E_FUNC_UNKNOWN" // unknown function
  | "E_AGG_CONTEXT" // aggregate outside stats, or non-aggregate in stats
  | "E_REGEX_INVALID" // a /regex/ that does not compile
  | "E_REGEX_NO_GROUPS" // parse /regex/ with no named group
  | "E_TIME_UNIT" // bin(5x): unknown time unit
  | "E_DEDUP_ORDER" // a command other than limit after dedup
  | "E_EVAL_TYPE"; // a value of the wrong type at evaluation

/** A failed call to AWS (or the local stand-in): exit 1. */
export class AwsCallError extends Error {
  override readonly name = "AwsCallError";
  constructor(
    readonly operation: string,
    message: string,
    readonly context: { readonly queryName?: string; readonly queryId?: string; readonly window?: string } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Something the user can fix at run time (unreadable file, lock held too long, bad state file): exit 1. */
export class RuntimeError extends Error {
  override readonly name = "RuntimeError";
}

/** A bug in mail-metrics: exit 70, with a stack. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

/** The one table of exit codes (src/main.ts is the only place that exits). */
export const EXIT_CODES = { ok: 0, runtime: 1, usage: 2, internal: 70 } as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof QuerySyntaxError) return EXIT_CODES.usage;
  if (error instanceof AwsCallError || error instanceof RuntimeError) return EXIT_CODES.runtime;
  return EXIT_CODES.internal;
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never, what = "value"): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
