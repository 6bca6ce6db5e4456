// A published count must not depend on how the time is cut into runs: one catch-up run over twelve
// windows must publish what twelve runs over one window each publish (insights/analysis/time-cut.ts says
// which queries keep to that). A rule of configs only: `mail-metrics query` has no windows, so it
// runs such a query as it is.
import type { ConfigIssue } from "../../errors.js";
import type { CompiledQuery } from "../../insights/types.js";
import { queryPositionInYaml } from "../query-position.js";
import { lineOf, type YamlSource } from "../yaml-source.js";
import { formatMs } from "./config-rules.js";

export interface TimeCutContext {
  readonly compiled: CompiledQuery;
  /** The config's schedule.period (ms). */
  readonly period: number;
  readonly index: number;
  readonly displayFile: string;
  readonly querySource: YamlSource;
  readonly configSource: YamlSource;
}

/** Each command that breaks it, at its line and column in the query file, with the reason and the fix. */
export function queryNumbersIndependentOfCut({ compiled, querySource }: TimeCutContext): ConfigIssue[] {
  return (compiled.timeCut?.hazards ?? []).map((hazard) => ({
    file: querySource.file,
    path: "query",
    ...queryPositionInYaml(querySource, hazard.line, hazard.column),
    message: `${hazard.message} (${hazard.line}:${hazard.column})`,
  }));
}

/**
 * A bin carried from an earlier stats into the last one must divide the window too (the last
 * stats' own bin() is checked by periodHoldsWholeBins).
 */
export function carriedBinsDivideThePeriod({ compiled, period, index, displayFile, configSource }: TimeCutContext): ConfigIssue[] {
  if (period <= 0) return [];
  return (compiled.timeCut?.binPeriods ?? [])
    .filter((bin) => !compiled.binPeriods.includes(bin) && (bin <= 0 || period % bin !== 0))
    .map((bin) => ({
      path: "schedule.period",
      line: lineOf(configSource, ["schedule", "period"]),
      message:
        `${formatMs(period)} is not a multiple of bin(${formatMs(bin)}) of the first stats in queries[${index}] ` +
        `(${displayFile}), so a bin would be split over two windows; use e.g. ${formatMs(bin * Math.max(1, Math.round(period / bin)))}`,
    }));
}

export const TIME_CUT_RULES = [queryNumbersIndependentOfCut, carriedBinsDivideThePeriod] as const;
