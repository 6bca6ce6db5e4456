// Named cross-field rules over a whole config, run after every query is resolved and compiled.
import type { ConfigIssue } from "../../errors.js";
import { MAX_DATUM_AGE_MS } from "../../metrics/datum.js";
import type { ResolvedQuery } from "../resolved.js";
import type { Config } from "../schema.js";
import { lineOf, type YamlSource } from "../yaml-source.js";

export interface ConfigRuleContext {
  readonly config: Config;
  readonly source: YamlSource;
  readonly queries: readonly ResolvedQuery[];
}

export const formatMs = (ms: number): string =>
  ms % 86_400_000 === 0
    ? `${ms / 86_400_000}d`
    : ms % 3_600_000 === 0
      ? `${ms / 3_600_000}h`
      : ms % 60_000 === 0
        ? `${ms / 60_000}m`
        : ms % 1000 === 0
          ? `${ms / 1000}s`
          : `${ms}ms`;

/** A window must hold whole bins, or a bin would be split over two windows and published twice. */
export function periodHoldsWholeBins({ config, source, queries }: ConfigRuleContext): ConfigIssue[] {
  const period = config.schedule.period;
  return queries.flatMap((query) =>
    query.compiled.binPeriods
      .filter((bin) => bin <= 0 || period % bin !== 0)
      .map((bin) => ({
        path: "schedule.period",
        line: lineOf(source, ["schedule", "period"]),
        message:
          `${formatMs(period)} is not a multiple of bin(${formatMs(bin)}) in queries[${query.index}] ` +
          `(${query.displayFile}); use e.g. ${formatMs(bin * Math.max(1, Math.round(period / bin)))}`,
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
        message:
          `query name "${query.name}" (${query.displayFile}) is already used by queries[${first.index}] ` +
          `(${first.displayFile}); names must be unique`,
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

/** A zero, sub-second or longer-than-catch-up period would never publish a window. */
export function periodIsUsable({ config, source }: ConfigRuleContext): ConfigIssue[] {
  const { period, maxCatchUp } = config.schedule;
  if (period <= 0 || period % 1000 !== 0) {
    return [
      {
        path: "schedule.period",
        line: lineOf(source, ["schedule", "period"]),
        message: `${formatMs(period)} must be a positive whole number of seconds, e.g. 5m`,
      },
    ];
  }
  if (maxCatchUp < period) {
    return [
      {
        path: "schedule.maxCatchUp",
        line: lineOf(source, ["schedule", "maxCatchUp"]),
        message:
          `${formatMs(maxCatchUp)} is shorter than schedule.period (${formatMs(period)}), so no window could ever be ` +
          `published; use at least ${formatMs(period)}`,
      },
    ];
  }
  return [];
}

/**
 * Standard-resolution metrics are stored per minute: two bins within one minute would merge, and
 * the read-back that settles an interrupted PutMetricData could not tell them apart.
 */
export function binsFitStorageResolution({ config, source, queries }: ConfigRuleContext): ConfigIssue[] {
  if (config.sink.type !== "cloudwatch" || config.sink.storageResolution !== 60) return [];
  return queries.flatMap((query) =>
    query.compiled.binPeriods
      .filter((bin) => bin % 60_000 !== 0)
      .map((bin) => ({
        path: "sink.storageResolution",
        line: lineOf(source, ["sink", "storageResolution"]) ?? lineOf(source, ["sink"]),
        message:
          `queries[${query.index}] (${query.displayFile}) bins by ${formatMs(bin)}, but standard-resolution metrics are ` +
          `stored per minute; bin by whole minutes, or set storageResolution: 1`,
      })),
  );
}

/**
 * A catch-up that reaches back further than PutMetricData accepts data points (two weeks) could
 * only find its oldest windows lost. The run keeps two hours and two windows in hand: a backfill's
 * hour, the hour a backfill command stays good for, and the windows' alignment (windows.ts).
 */
export function catchUpWithinWhatCloudWatchAccepts({ config, source }: ConfigRuleContext): ConfigIssue[] {
  if (config.sink.type !== "cloudwatch") return [];
  const { maxCatchUp, lag, period } = config.schedule;
  const most = MAX_DATUM_AGE_MS - 2 * 3_600_000 - 2 * period - lag;
  if (maxCatchUp <= most) return [];
  const days = Math.floor(most / 86_400_000);
  return [
    {
      path: "schedule.maxCatchUp",
      line: lineOf(source, ["schedule", "maxCatchUp"]),
      message:
        `${formatMs(maxCatchUp)} reaches back further than CloudWatch accepts data points (two weeks, PutMetricData): with schedule.lag ` +
        `${formatMs(lag)}, a long catch-up would find its oldest windows too old to publish; use at most ` +
        `${days > 0 ? `${days}d` : formatMs(most)}`,
    },
  ];
}

export const CONFIG_RULES = [
  periodIsUsable,
  periodHoldsWholeBins,
  binsFitStorageResolution,
  stateOffOnlyForStdout,
  queryNamesUnique,
  cloudwatchKeysNeedCloudwatchSource,
  catchUpWithinWhatCloudWatchAccepts,
] as const;
