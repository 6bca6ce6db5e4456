// Reads one golden case file (test/insights/cases/<group>/<name>.yaml). Shape:
//   description: optional text
//   query: the Logs Insights query
//   options: { limit: N }                     optional execute options
//   records: events, each { timestamp, message, logStream?, logGroup?, ingestionTime? } or the
//            shorthand "TIMESTAMP message text"; timestamps are ISO 8601 (UTC when no zone) or ms
//   result: rows, each a mapping field -> value in the order the row must have them
//   matched / scanned: optional expected recordsMatched / recordsScanned
//   outputFields / binPeriods: optional expected static facts (outputFields: "null" for none)
//   error: { code, line, column } instead of result
// Scalars are read with the YAML failsafe schema, so every value is the exact string written.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { LogEvent } from "../../src/insights/types.js";

export interface GoldenCase {
  readonly query: string;
  readonly limit?: number;
  readonly records: LogEvent[];
  readonly result?: [string, string][][];
  readonly matched?: number;
  readonly scanned?: number;
  readonly outputFields?: string[] | null;
  readonly binPeriods?: number[];
  readonly error?: { code: string; line: number; column: number };
}

const KEYS = new Set(["description", "query", "options", "records", "result", "matched", "scanned", "outputFields", "binPeriods", "error"]);

type Doc = Record<string, unknown>;

export function readCase(file: string): GoldenCase {
  const doc = parse(readFileSync(file, "utf8"), { schema: "failsafe" }) as Doc;
  const unknown = Object.keys(doc).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) throw new Error(`${file}: unknown keys ${unknown.join(", ")}`);
  if (typeof doc.query !== "string") throw new Error(`${file}: query is required`);
  if ((doc.result === undefined) === (doc.error === undefined)) throw new Error(`${file}: give exactly one of result and error`);
  const options = (doc.options ?? {}) as Doc;
  const error = doc.error as Doc | undefined;
  return {
    query: doc.query,
    ...(options.limit !== undefined && { limit: Number(options.limit) }),
    records: ((doc.records ?? []) as unknown[]).map(toEvent),
    ...(doc.result !== undefined && {
      result: (doc.result as Doc[]).map((row) => Object.entries(row ?? {}).map(([k, v]) => [k, String(v)] as [string, string])),
    }),
    ...(doc.matched !== undefined && { matched: Number(doc.matched) }),
    ...(doc.scanned !== undefined && { scanned: Number(doc.scanned) }),
    ...(doc.outputFields !== undefined && { outputFields: doc.outputFields === "null" ? null : (doc.outputFields as string[]) }),
    ...(doc.binPeriods !== undefined && { binPeriods: (doc.binPeriods as string[]).map(Number) }),
    ...(error !== undefined && { error: { code: String(error.code), line: Number(error.line), column: Number(error.column) } }),
  };
}

function toEvent(record: unknown): LogEvent {
  if (typeof record === "string") {
    const space = record.indexOf(" ");
    return { timestamp: toMs(record.slice(0, space)), message: record.slice(space + 1) };
  }
  const r = record as Doc;
  return {
    timestamp: toMs(String(r.timestamp)),
    message: String(r.message ?? ""),
    ...(r.logStream !== undefined && { logStream: String(r.logStream) }),
    ...(r.logGroup !== undefined && { logGroup: String(r.logGroup) }),
    ...(r.ingestionTime !== undefined && { ingestionTime: toMs(String(r.ingestionTime)) }),
  };
}

function toMs(s: string): number {
  if (/^-?\d+$/.test(s)) return Number(s);
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  if (Number.isNaN(ms)) throw new Error(`bad timestamp ${s}`);
  return ms;
}
