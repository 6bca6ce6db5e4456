// Loads a run config: the file itself, every query it references (compiled), the merged mappings,
// then the cross-field rules. Throws a ConfigError: every broken query file's problems with the
// config's own, so one validate shows them all, or a single broken query file's own error.
import { dirname, resolve } from "node:path";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { loadQueryFile, type LoadedQueryFile, type LoadOptions } from "./load-query-file.js";
import { loadYamlFile } from "./load-yaml-file.js";
import { locateQuery } from "./locate-query.js";
import { readablePath } from "../util/readable-path.js";
import type { MetricMapping } from "../metrics/mapping.js";
import type { LoadedConfig, ResolvedQuery } from "./resolved.js";
import { alarmRules } from "./rules/alarm-rules.js";
import { CONFIG_RULES } from "./rules/config-rules.js";
import { issuesInConfig } from "./rules/mapping-issues.js";
import { checkMapping } from "./rules/mapping-rules.js";
import { oneSeriesPerMetric } from "./rules/one-series-per-metric.js";
import { TIME_CUT_RULES } from "./rules/time-cut-rules.js";
import { configSchema, type Config, type QueryRef } from "./schema.js";
import { formatPath, lineOf, type YamlSource } from "./yaml-source.js";
import { compileQuery } from "../insights/compile.js";
import { QuerySyntaxError } from "../insights/errors.js";
import { groupedBy } from "../insights/analysis/event-fields.js";
import type { CompiledQuery } from "../insights/types.js";
import { placeholders } from "../metrics/template.js";

export async function loadConfig(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const { source, value: config } = await loadYamlFile(file, configSchema, options.env ?? process.env);
  const issues: ConfigIssue[] = [];
  const queries: ResolvedQuery[] = [];
  const broken: ConfigError[] = [];
  for (const [index, ref] of config.queries.entries()) {
    const resolved = await resolveQuery(config, ref, index, file, source, options);
    if ("query" in resolved) queries.push(resolved.query);
    if ("broken" in resolved) broken.push(resolved.broken);
    issues.push(...resolved.issues);
  }
  // A query file that is the only problem keeps its own error (for a query that does not compile, the engine's as its cause).
  if (broken.length === 1 && issues.length === issuesOf(broken[0]!).length) throw broken[0];
  if (issues.length === 0)
    issues.push(...[...CONFIG_RULES, oneSeriesPerMetric, alarmRules].flatMap((rule) => rule({ config, source, queries })));
  if (issues.length > 0) throw new ConfigError(file, issues);
  return { path: resolve(file), config: withAbsolutePaths(config, dirname(resolve(file))), queries };
}

/** A query file's error as issues of the config's ConfigError, each naming that file. */
function issuesOf(error: ConfigError): ConfigIssue[] {
  return error.issues.map((issue) => ({ ...issue, file: issue.file ?? error.file }));
}

/** Relative source.paths are relative to the config file (as `file:` queries are), not to the working directory. */
function withAbsolutePaths(config: Config, dir: string): Config {
  if (config.source.type !== "files") return config;
  const paths = config.source.paths.map((path) => (path === "-" ? path : resolve(dir, path)));
  return { ...config, source: { ...config.source, paths } };
}

/** A query file that cannot be used (`broken`) is reported with the config's own issues, every one in one go. */
type Resolution =
  | { query: ResolvedQuery; issues: ConfigIssue[] }
  | { broken: ConfigError; issues: ConfigIssue[] }
  | { issues: ConfigIssue[] };

async function resolveQuery(
  config: Config,
  ref: QueryRef,
  index: number,
  file: string,
  source: YamlSource,
  options: LoadOptions,
): Promise<Resolution> {
  const location = locateQuery(ref, index, file, source);
  if (!("displayFile" in location)) return { issues: [location] };
  let loaded: LoadedQueryFile;
  try {
    loaded = await loadQueryFile(readablePath(location.path), options);
  } catch (error) {
    if (error instanceof ConfigError) return { broken: error, issues: issuesOf(error) };
    throw error;
  }
  const { definition, source: querySource } = loaded;
  const mapping = mergeMapping(definition.metric, ref);
  const grouping = groupByConfigDimensions(loaded.compiled, ref, index, source, options.compile ?? compileQuery);
  const compiled = grouping.compiled;
  const cloudwatch = config.source.type === "cloudwatch-logs" ? config.source : undefined;
  const query: ResolvedQuery = {
    name: definition.name,
    index,
    definition,
    compiled,
    mapping,
    sourceFile: location.path,
    displayFile: location.displayFile,
    logGroups: cloudwatch === undefined ? [] : (ref.logGroups ?? cloudwatch.logGroups),
    queryLimit: cloudwatch === undefined ? undefined : (ref.queryLimit ?? cloudwatch.queryLimit),
  };
  const issues = [...grouping.issues, ...tablesNameDimensions(ref, mapping.dimensions, index, source)];
  issues.push(...issuesInConfig(checkMapping(mapping, compiled), { index, ref, displayFile: location.displayFile, querySource }, source));
  // Grouping by one more field keeps every row within one bin: the definition's own query is judged
  // (its positions are the query file's).
  const cut = {
    compiled: loaded.compiled,
    period: config.schedule.period,
    index,
    displayFile: location.displayFile,
    querySource,
    configSource: source,
  };
  issues.push(...TIME_CUT_RULES.flatMap((rule) => rule(cut)));
  return { query, issues };
}

/**
 * A config entry's overrides on a query's mapping: its dimensions are added (a name the query also
 * uses takes the config's value), its zeroFill list replaces the query's, its value tables replace
 * the query's per dimension. A value table is kept only for a dimension the mapping has: a query
 * may ship one for a dimension a config adds (postfix-smtp-status's Provider), and a mapping
 * without it keeps the shape, and so the state identity, it had before tables existed.
 */
export function mergeMapping(mapping: MetricMapping, ref: QueryRef): MetricMapping {
  const dimensions = { ...mapping.dimensions, ...ref.dimensions };
  const tables = Object.entries({ ...mapping.dimensionValues, ...ref.dimensionValues }).filter(([name]) => name in dimensions);
  const { dimensionValues: _dropped, ...rest } = mapping;
  return {
    ...rest,
    dimensions,
    zeroFill: ref.zeroFill ?? mapping.zeroFill,
    ...(tables.length === 0 ? {} : { dimensionValues: Object.fromEntries(tables) }),
  };
}

/**
 * A config dimension may name a field the query's events have but its stats does not output
 * (`Provider: "{relayDomain}"`): the stats then groups by it too, and the query run is the
 * definition's with that field added to its `by` (insights/event-fields.ts).
 */
function groupByConfigDimensions(
  compiled: CompiledQuery,
  ref: QueryRef,
  index: number,
  source: YamlSource,
  compile: (text: string) => CompiledQuery,
) {
  const produced = compiled.outputFields;
  const wanted = Object.entries(ref.dimensions ?? {}).flatMap(([dimension, template]) =>
    placeholders(template).map((field) => ({ dimension, field })),
  );
  const missing = produced === null ? [] : wanted.filter(({ field }) => !produced.includes(field));
  if (missing.length === 0) return { compiled, issues: [] as ConfigIssue[] };
  const fields = [...new Set(missing.map(({ field }) => field))];
  const grouped = groupedByOrNull(compiled.text, fields);
  // A test's stand-in compiler may hold text the engine cannot parse: the mapping rules judge it.
  if (grouped === null) return { compiled, issues: [] as ConfigIssue[] };
  if ("problem" in grouped) {
    const dimension = missing.find(({ field }) => field === grouped.field)!.dimension;
    const path = ["queries", index, "dimensions", dimension];
    const message =
      `field "${grouped.field}" is not produced by the query (it produces: ${produced!.join(", ")}), and ${grouped.problem}; ` +
      "a config dimension may name a field the query produces, or one it assigns before a single stats (which then groups by it too)";
    return { compiled, issues: [{ path: formatPath(path), line: lineOf(source, path), message }] };
  }
  return { compiled: compile(grouped.text), issues: [] as ConfigIssue[] };
}

function groupedByOrNull(text: string, fields: readonly string[]) {
  try {
    return groupedBy(text, fields);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return null;
    throw error;
  }
}

/** A config entry's value table is for one of the query's dimensions: a misspelt name would silently do nothing. */
function tablesNameDimensions(
  ref: QueryRef,
  dimensions: Readonly<Record<string, string>>,
  index: number,
  source: YamlSource,
): ConfigIssue[] {
  return Object.keys(ref.dimensionValues ?? {})
    .filter((name) => !(name in dimensions))
    .map((name) => {
      const path = ["queries", index, "dimensionValues", name];
      return {
        path: formatPath(path),
        line: lineOf(source, path),
        message: `"${name}" is not a dimension of this query (it has: ${Object.keys(dimensions).join(", ") || "none"}); add it under dimensions, or fix the name`,
      };
    });
}
