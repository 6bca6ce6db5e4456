// What the rest of mail-metrics gets from a config file: everything parsed, resolved and compiled.
import type { CompiledQuery } from "../insights/types.js";
import type { MetricMapping } from "../metrics/mapping.js";
import type { QueryDefinition } from "./query-schema.js";
import type { Config } from "./schema.js";

/** One `queries[]` entry of a config, ready to run. */
export interface ResolvedQuery {
  /** The definition's `name`; unique within a config (the state key uses it). */
  readonly name: string;
  /** Position in the config's `queries` list. */
  readonly index: number;
  readonly definition: QueryDefinition;
  readonly compiled: CompiledQuery;
  /** The definition's mapping with this entry's overrides applied (dimensions added, zeroFill replaced). */
  readonly mapping: MetricMapping;
  /** Absolute path of the query-definition file. */
  readonly sourceFile: string;
  /** The file as people know it: `queries/<name>.yaml` for a builtin, the `file:` value otherwise. */
  readonly displayFile: string;
  /** Log groups to query (the entry's own, else source.logGroups); empty for a files source. */
  readonly logGroups: readonly string[];
  /** StartQuery limit (the entry's own, else source.queryLimit); undefined for a files source. */
  readonly queryLimit: number | undefined;
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  readonly path: string;
  /** The parsed config; a files source's relative `paths` are made absolute against the config's directory. */
  readonly config: Config;
  readonly queries: readonly ResolvedQuery[];
}
