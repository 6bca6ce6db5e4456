// The real queries the fuzzer mutates: every golden case's query (test/insights/cases/**) and
// every shipped query (queries/*.yaml).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../cli/built-cli.js";

export interface NamedQuery {
  readonly name: string;
  readonly text: string;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".yaml"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function queryOf(file: string): NamedQuery {
  const doc = parse(readFileSync(file, "utf8"), { schema: "failsafe" }) as { query?: unknown };
  if (typeof doc.query !== "string") throw new Error(`${file}: no query`);
  return { name: relative(ROOT, file), text: doc.query };
}

export const GOLDEN_QUERIES: readonly NamedQuery[] = yamlFiles(join(ROOT, "test", "insights", "cases")).map(queryOf);
export const SHIPPED_QUERIES: readonly NamedQuery[] = yamlFiles(join(ROOT, "queries")).map(queryOf);
