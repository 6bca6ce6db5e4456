// Translates a position inside the `query:` string of a query file to a position in the YAML file,
// so a QuerySyntaxError points at the line the user must edit.
import { Scalar, isScalar } from "yaml";
import { ConfigError } from "../errors.js";
import type { QuerySyntaxError } from "../insights/errors.js";
import type { YamlSource } from "./yaml-source.js";

export interface YamlPosition {
  readonly line: number;
  /** Absent when the scalar's style makes the column unknowable (folded or multi-line flow scalars). */
  readonly column?: number;
}

/** Where line:column of the `query` value sits in the file. */
export function queryPositionInYaml(source: YamlSource, line: number, column: number): YamlPosition | undefined {
  const node = source.doc.get("query", true);
  if (!isScalar(node) || !node.range) return undefined;
  const range = node.range;
  const start = source.lineCounter.linePos(range[0]);
  if (node.type === Scalar.BLOCK_LITERAL) {
    // A literal block keeps its lines: value line 1 is the file line after the `|` header.
    return { line: start.line + line, column: blockIndent(source.text, start.line) + column };
  }
  const singleLine = !source.text.slice(range[0], range[1]).includes("\n");
  if (singleLine && line === 1) {
    const quote = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    return { line: start.line, column: start.col + quote + column - 1 };
  }
  return { line: start.line };
}

/** Indentation of the first non-blank line after `headerLine` (1-based), i.e. of the block's content. */
function blockIndent(text: string, headerLine: number): number {
  const lines = text.split("\n").slice(headerLine);
  const first = lines.find((candidate) => candidate.trim() !== "") ?? "";
  return first.length - first.trimStart().length;
}

/**
 * The engine's error as an error of the query file: `file:line:col: query: detail (line:col) [code]`,
 * the engine's error (its code and position in the query string) as the cause.
 */
export function locateQueryError(error: QuerySyntaxError, source: YamlSource): ConfigError {
  const position = queryPositionInYaml(source, error.line, error.column);
  return new ConfigError(source.file, [{ path: "query", ...position, message: error.message }], { cause: error });
}
