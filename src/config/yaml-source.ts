// YAML parsing that keeps positions, so every config problem can name its line.
import { type Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";
import { ConfigError } from "../errors.js";
import { syntaxIssues, type SyntaxIssueOptions } from "./yaml-syntax-issues.js";
import { excessiveAliases, MAX_ALIAS_COUNT, unresolvedAliases } from "./yaml-aliases.js";

export interface YamlSource {
  /** The file name used in messages. */
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The document as plain data (null for an empty file). */
  readonly data: unknown;
}

export type KeyPath = readonly PropertyKey[];

/** Parses YAML text; a syntax error is a ConfigError at file:line:col with the parser's reason. */
export function parseYaml(text: string, file: string, options: SyntaxIssueOptions = {}): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) throw new ConfigError(file, syntaxIssues(text, doc.errors, lineCounter, options));
  const unresolved = unresolvedAliases(doc, lineCounter);
  if (unresolved.length > 0) throw new ConfigError(file, unresolved);
  return { file, text, doc, lineCounter, data: toData(doc, lineCounter, file) };
}

function toData(doc: Document, lineCounter: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias count/i.test(error.message)) {
      throw new ConfigError(file, [excessiveAliases(doc, lineCounter)], { cause: error });
    }
    throw error;
  }
}

/**
 * The 1-based line of the key at `path` (of the item, for an array index). When the path goes
 * further than the document (a missing key), the line of the deepest part that exists.
 */
export function lineOf(source: YamlSource, path: KeyPath): number | undefined {
  let node: unknown = source.doc.contents;
  let offset: number | undefined = isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = isScalar(node) || isMap(node) || isSeq(node) ? (node.range?.[0] ?? offset) : offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : source.lineCounter.linePos(offset).line;
}

/** `queries[2].metric.value` from ["queries", 2, "metric", "value"]. */
export function formatPath(path: KeyPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}
