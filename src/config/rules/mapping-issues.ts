// Frames mapping problems as ConfigIssues: in the query file itself (the `query` command), or in a
// config, pointing at the config's override when it caused the problem and at the query file otherwise.
import type { ConfigIssue } from "../../errors.js";
import type { QueryRef } from "../schema.js";
import { formatPath, lineOf, type YamlSource } from "../yaml-source.js";
import type { MappingProblem } from "./mapping-rules.js";

/** Issues for the query file: `metric.value` at its line. */
export function issuesInQueryFile(problems: readonly MappingProblem[], querySource: YamlSource): ConfigIssue[] {
  return problems.map((problem) => {
    const path = ["metric", ...problem.key];
    return { path: formatPath(path), line: lineOf(querySource, path), message: problem.message };
  });
}

export interface QueryInConfig {
  readonly index: number;
  readonly ref: QueryRef;
  readonly displayFile: string;
  readonly querySource: YamlSource;
}

/** Issues for the config: `queries[0] (x.yaml) metric.value: …; see x.yaml:9`, or the override's own key. */
export function issuesInConfig(problems: readonly MappingProblem[], query: QueryInConfig, configSource: YamlSource): ConfigIssue[] {
  return problems.map((problem) => {
    const override = overrideKey(problem, query.ref);
    if (override !== undefined) {
      const path = ["queries", query.index, ...override];
      return { path: formatPath(path), line: lineOf(configSource, path), message: problem.message };
    }
    const queryPath = ["metric", ...problem.key];
    const queryLine = lineOf(query.querySource, queryPath);
    return {
      path: `queries[${query.index}] (${query.displayFile}) ${formatPath(queryPath)}`,
      line: lineOf(configSource, ["queries", query.index]),
      message: `${problem.message}; see ${query.displayFile}${queryLine === undefined ? "" : `:${queryLine}`}`,
    };
  });
}

function overrideKey(problem: MappingProblem, ref: QueryRef): (string | number)[] | undefined {
  const [first, second] = problem.key;
  if (first === "dimensions" && typeof second === "string" && ref.dimensions?.[second] !== undefined) return ["dimensions", second];
  if (first === "zeroFill" && ref.zeroFill !== undefined) return ["zeroFill"];
  if (first === "dimensionValues" && typeof second === "string" && ref.dimensionValues?.[second] !== undefined)
    return ["dimensionValues", second];
  return undefined;
}
