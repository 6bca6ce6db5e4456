// The engine's entry point: compile a Logs Insights query once, start it as often as needed.
import { QueryExecution } from "./runtime/execution.js";
import { parseQuery } from "./syntax/parser.js";
import { planQuery } from "./compile/query-plan.js";
import { derivePrefilter, settlesFirstFilter } from "./prefilter/prefilter.js";
import { fieldShapes } from "./analysis/field-shapes.js";
import { analyseTimeCut } from "./analysis/time-cut.js";
import type { CompiledQuery, ExecuteOptions } from "./types.js";

/** StartQuery's default row limit. */
export const DEFAULT_LIMIT = 10_000;

/** Throws QuerySyntaxError (with code, line and column) for anything outside the supported subset. */
export function compileQuery(text: string): CompiledQuery {
  const { commands, source } = parseQuery(text);
  const plan = planQuery(source, commands);
  const prefilter = derivePrefilter(source, commands);
  const settled = settlesFirstFilter(source, commands, prefilter);
  return {
    text,
    prefilter,
    binPeriods: plan.binPeriods,
    outputFields: plan.outputFields,
    statsOutputs: plan.statsOutputs,
    timeCut: analyseTimeCut(source, commands),
    fieldShapes: fieldShapes(source, commands),
    start: (options?: ExecuteOptions) =>
      new QueryExecution(plan, options?.limit ?? DEFAULT_LIMIT, settled && options?.prefiltered === true),
  };
}
