// Loads one query-definition file and compiles its Logs Insights query.
import { compileQuery } from "../insights/compile.js";
import { QuerySyntaxError } from "../insights/errors.js";
import type { CompiledQuery } from "../insights/types.js";
import type { Environment } from "./interpolate.js";
import { loadYamlFile } from "./load-yaml-file.js";
import { queryDefinitionSchema, type QueryDefinition } from "./query-schema.js";
import { locateQueryError } from "./query-position.js";
import type { YamlSource } from "./yaml-source.js";

export interface LoadOptions {
  /** Variables for `${NAME}`; default process.env. */
  readonly env?: Environment;
  /** The engine's compiler; default compileQuery from src/insights. Tests may pass a fake. */
  readonly compile?: (text: string) => CompiledQuery;
  /** Said after the syntax errors of a file that is not YAML at all (the `query` command's argument order). */
  readonly notYamlHint?: string;
}

export interface LoadedQueryFile {
  readonly definition: QueryDefinition;
  readonly compiled: CompiledQuery;
  readonly source: YamlSource;
}

/** Loads `file` (named as given in messages); throws a ConfigError, for a query that does not compile too (at its YAML line). */
export async function loadQueryFile(file: string, options: LoadOptions = {}): Promise<LoadedQueryFile> {
  const { source, value: definition } = await loadYamlFile(file, queryDefinitionSchema, options.env ?? process.env, {
    notYamlHint: options.notYamlHint,
  });
  const compile = options.compile ?? compileQuery;
  try {
    return { definition, compiled: compile(definition.query), source };
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw locateQueryError(error, source);
    throw error;
  }
}
