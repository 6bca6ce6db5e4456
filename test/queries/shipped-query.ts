// Runs a shipped query over single lines with the real engine, for the counting-rule tables.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { queryDefinitionSchema, type QueryDefinition } from "../../src/config/query-schema.js";
import { compileQuery } from "../../src/insights/compile.js";
import type { ResultRow } from "../../src/insights/types.js";

export const SHIPPED = ["postfix-smtp-status", "postfix-delivery-status"] as const;
export type ShippedName = (typeof SHIPPED)[number];

export function shippedDefinition(name: ShippedName): QueryDefinition {
  const text = readFileSync(new URL(`../../queries/${name}.yaml`, import.meta.url), "utf8");
  return queryDefinitionSchema.parse(parse(text));
}

/** 2026-11-28T10:02:00Z: every line of a table falls into the 10:00 bin. */
export const EVENT_TIME = Date.UTC(2026, 10, 28, 10, 2, 0);
export const BIN = "2026-11-28 10:00:00.000";

/** Runs the query over `messages` (one event each, all at EVENT_TIME) and returns the rows. */
export function runShipped(name: ShippedName, messages: readonly string[]): ResultRow[] {
  const execution = compileQuery(shippedDefinition(name).query).start();
  for (const message of messages) execution.push({ timestamp: EVENT_TIME, message, logStream: "mail.log" });
  return execution.finish().rows;
}

/** metric name → count, from rows carrying `metric` and `count`. */
export function countsOf(rows: readonly ResultRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const cells = Object.fromEntries(row.map((cell) => [cell.field, cell.value]));
    counts[cells.metric!] = (counts[cells.metric!] ?? 0) + Number(cells.count);
  }
  return counts;
}

/** The metric one line produces, or null when the query does not count it. */
export function metricOf(name: ShippedName, line: string): string | null {
  const counts = countsOf(runShipped(name, [line]));
  const metrics = Object.keys(counts);
  if (metrics.length > 1) throw new Error(`one line produced several metrics: ${metrics.join(", ")}`);
  return metrics[0] ?? null;
}
