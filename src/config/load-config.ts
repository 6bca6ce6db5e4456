// Loads a run config: the file itself, every query it references (compiled), the merged mappings,
// then the cross-field rules. Throws ConfigError / QuerySyntaxError; returns a LoadedConfig.
import { dirname, resolve } from "node:path";
import { ConfigError, type ConfigIssue } from "../errors.js";
import { loadQueryFile, type LoadOptions } from "./load-query-file.js";
import { loadYamlFile } from "./load-yaml-file.js";
import { locateQuery } from "./locate-query.js";
import { readablePath } from "./readable-path.js";
import { mergeMapping } from "./merge-mapping.js";
import type { LoadedConfig, ResolvedQuery } from "./resolved.js";
import { CONFIG_RULES } from "./rules/config-rules.js";
import { issuesInConfig } from "./rules/mapping-issues.js";
import { checkMapping } from "./rules/mapping-rules.js";
import { configSchema, type Config, type QueryRef } from "./schema.js";
import type { YamlSource } from "./yaml-source.js";

export async function loadConfig(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  const { source, value: config } = await loadYamlFile(file, configSchema, options.env ?? process.env);
  const issues: ConfigIssue[] = [];
  const queries: ResolvedQuery[] = [];
  for (const [index, ref] of config.queries.entries()) {
    const resolved = await resolveQuery(config, ref, index, file, source, options);
    if ("query" in resolved) queries.push(resolved.query);
    issues.push(...resolved.issues);
  }
  if (issues.length === 0) issues.push(...CONFIG_RULES.flatMap((rule) => rule({ config, source, queries })));
  if (issues.length > 0) throw new ConfigError(file, issues);
  return { path: resolve(file), config: withAbsolutePaths(config, dirname(resolve(file))), queries };
}

/** Relative source.paths are relative to the config file (as `file:` queries are), not to the working directory. */
function withAbsolutePaths(config: Config, dir: string): Config {
  if (config.source.type !== "files") return config;
  const paths = config.source.paths.map((path) => (path === "-" ? path : resolve(dir, path)));
  return { ...config, source: { ...config.source, paths } };
}

type Resolution = { query: ResolvedQuery; issues: ConfigIssue[] } | { issues: ConfigIssue[] };

async function resolveQuery(config: Config, ref: QueryRef, index: number, file: string, source: YamlSource, options: LoadOptions): Promise<Resolution> {
  const location = locateQuery(ref, index, file, source);
  if (!("displayFile" in location)) return { issues: [location] };
  const { definition, compiled, source: querySource } = await loadQueryFile(readablePath(location.path), options);
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
  return { query, issues };
}
