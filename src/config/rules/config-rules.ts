// Named cross-field rules over a whole config, run after every query is resolved and compiled.
import type { ConfigIssue } from "../../errors.js";
import type { ResolvedQuery } from "../resolved.js";
import type { Config } from "../schema.js";
import { lineOf, type YamlSource } from "../yaml-source.js";

export interface ConfigRuleContext {
  readonly config: Config;
  readonly source: YamlSource;
  readonly queries: readonly ResolvedQuery[];
}

const formatMs = (ms: number): string =>
  ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;

/** A window must hold whole bins, or a bin would be split over two windows and published twice. */
export function periodHoldsWholeBins({ config, source, queries }: ConfigRuleContext): ConfigIssue[] {
  const period = config.schedule.period;
  return queries.flatMap((query) =>
    query.compiled.binPeriods
      .filter((bin) => bin <= 0 || period % bin !== 0)
      .map((bin) => ({
        path: "schedule.period",
        line: lineOf(source, ["schedule", "period"]),
        message: `${formatMs(period)} is not a multiple of bin(${formatMs(bin)}) in queries[${query.index}] (${query.displayFile}); use e.g. ${formatMs(bin * Math.max(1, Math.round(period / bin)))}`,
      })),
  );
}

/** Without state nothing stops a window from being published twice, which doubles CloudWatch sums. */
export function stateOffOnlyForStdout({ config, source }: ConfigRuleContext): ConfigIssue[] {
  if (config.state.enabled || config.sink.type === "stdout") return [];
  return [
    {
      path: "state.enabled",
      line: lineOf(source, ["state", "enabled"]),
      message: `false is only allowed with sink type stdout: re-publishing windows to ${config.sink.type} doubles their sums; remove it`,
    },
  ];
}

/** The state file is keyed by query name. */
export function queryNamesUnique({ source, queries }: ConfigRuleContext): ConfigIssue[] {
  const seen = new Map<string, ResolvedQuery>();
  return queries.flatMap((query) => {
    const first = seen.get(query.name);
    seen.set(query.name, first ?? query);
    if (first === undefined) return [];
    return [
      {
        path: `queries[${query.index}]`,
        line: lineOf(source, ["queries", query.index]),
        message: `query name "${query.name}" (${query.displayFile}) is already used by queries[${first.index}] (${first.displayFile}); names must be unique`,
      },
    ];
  });
}

/** logGroups and queryLimit mean nothing for local files; a typo'd source type should not pass silently. */
export function cloudwatchKeysNeedCloudwatchSource({ config, source }: ConfigRuleContext): ConfigIssue[] {
  if (config.source.type === "cloudwatch-logs") return [];
  return config.queries.flatMap((ref, index) =>
    (["logGroups", "queryLimit"] as const)
      .filter((key) => ref[key] !== undefined)
      .map((key) => ({
        path: `queries[${index}].${key}`,
        line: lineOf(source, ["queries", index, key]),
        message: `only used with source type cloudwatch-logs (this source is ${config.source.type}); remove it`,
      })),
  );
}

export const CONFIG_RULES = [periodHoldsWholeBins, stateOffOnlyForStdout, queryNamesUnique, cloudwatchKeysNeedCloudwatchSource] as const;
