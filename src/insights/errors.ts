// The engine's errors. It imports nothing outside insights/: a caller that knows where the query
// came from (config/query-position.ts) turns a QuerySyntaxError's position into a file position.

/** A Logs Insights query outside the supported subset, or invalid. Codes are stable; tests assert them. */
export class QuerySyntaxError extends Error {
  override readonly name = "QuerySyntaxError";
  constructor(
    readonly code: QueryErrorCode,
    readonly detail: string,
    /** 1-based line and column in the query string. */
    readonly line: number,
    readonly column: number,
    options?: ErrorOptions,
  ) {
    super(`${detail} (${line}:${column}) [${code}]`, options);
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

/** The engine used against its contract, or a case the compiler did not foresee: a bug (mail-metrics exits 70). */
export class EngineError extends Error {
  override readonly name = "EngineError";
}

/** Exhaustiveness check for the AST's discriminated unions. */
export function assertNever(value: never, what = "value"): never {
  throw new EngineError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
