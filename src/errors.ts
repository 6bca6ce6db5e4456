// The error taxonomy and its exit codes (EXIT_CODES). Commands throw these; only src/main.ts exits,
// and cli/report-error.ts prints them. A message says what failed, where, the value and the fix.
// The query engine has errors of its own (insights/errors.ts): config/ turns them into ConfigErrors.

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

/** A config or query-definition file that cannot be used (a query that does not compile included): exit 2. */
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

/** `file`, `file:line` or `file:line:column`. */
function place(file: string, line: number | undefined, column: number | undefined): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

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
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT_CODES.usage;
  if (error instanceof AwsCallError || error instanceof RuntimeError) return EXIT_CODES.runtime;
  return EXIT_CODES.internal;
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never, what = "value"): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
