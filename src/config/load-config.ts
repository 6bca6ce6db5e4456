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
import type { YamlSource } from "./yaml-source.js";

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
  const { definition, compiled, source: querySource } = loaded;
  const mapping = mergeMapping(definition.metric, ref);
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
  const issues = issuesInConfig(checkMapping(mapping, compiled), { index, ref, displayFile: location.displayFile, querySource }, source);
  const cut = { compiled, period: config.schedule.period, index, displayFile: location.displayFile, querySource, configSource: source };
  issues.push(...TIME_CUT_RULES.flatMap((rule) => rule(cut)));
  return { query, issues };
}

/**
 * A config entry's overrides on a query's mapping: its dimensions are added (a name the query also
 * uses takes the config's value), its zeroFill list replaces the query's.
 */
export function mergeMapping(mapping: MetricMapping, ref: QueryRef): MetricMapping {
  return {
    ...mapping,
    dimensions: { ...mapping.dimensions, ...ref.dimensions },
    zeroFill: ref.zeroFill ?? mapping.zeroFill,
  };
}
