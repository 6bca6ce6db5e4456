// The one loading pipeline for config and query-definition files:
// read → ${ENV} interpolation → YAML with positions → strict zod schema → issues with lines.
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { ConfigError } from "../errors.js";
import { readFailure } from "../util/os-error.js";
import { interpolateEnv, type Environment } from "./interpolate.js";
import { parseYaml, type YamlSource } from "./yaml-source.js";
import type { SyntaxIssueOptions } from "./yaml-syntax-issues.js";
import { toConfigIssues } from "./zod-issues.js";
import "../util/zod-jitless.js";

export interface LoadedYaml<T> {
  readonly source: YamlSource;
  readonly value: T;
}

/** Loads `file` (named as given in messages) and validates it against `schema`; throws ConfigError. */
export async function loadYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  env: Environment,
  options: SyntaxIssueOptions = {},
): Promise<LoadedYaml<z.output<S>>> {
  const text = await readText(file);
  const source = parseYaml(interpolateEnv(text, file, env), file, options);
  const result = schema.safeParse(withoutEmptyValues(source.data));
  if (!result.success) throw new ConfigError(file, toConfigIssues(result.error.issues, source, schema));
  return { source, value: result.data };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [{ path: "", message: `cannot read: ${readFailure(error)}` }], { cause: error });
  }
}

/**
 * Drops keys whose value is empty (`state:` followed only by comments is null in YAML): an empty
 * value means "the default", as if the key were absent. A required key then reads as missing.
 */
function withoutEmptyValues(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withoutEmptyValues);
  if (typeof data !== "object" || data === null) return data;
  const entries = Object.entries(data).filter(([, value]) => value !== null);
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutEmptyValues(value)]));
}
