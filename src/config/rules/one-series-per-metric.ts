// Two queries of one config must not publish into one series (namespace, metric name, dimension
// set): CloudWatch would add their values, and neither query's numbers could be read back. The
// shipped queries share a namespace, a `{metric}` name and their dimensions, yet cannot collide: a
// reply code starts with a digit, a delivery status with a letter. So the rule compares what the
// name and dimension templates can produce (insights/analysis/field-shapes.ts: the strings each field can
// hold) and refuses two queries unless their series are provably apart: another dimension set, a
// dimension value or a name neither can share with the other. When it cannot tell, it refuses.
import type { ConfigIssue } from "../../errors.js";
import { overlap, type Overlap } from "../../insights/analysis/shape-overlap.js";
import type { Shape } from "../../insights/analysis/string-shape.js";
import { NAME_MAX, VALUE_MAX } from "../../metrics/sanitise.js";
import type { ResolvedQuery } from "../resolved.js";
import { seriesShapes, type SeriesShape } from "../series-shapes.js";
import { lineOf } from "../yaml-source.js";
import type { ConfigRuleContext } from "./config-rules.js";

type Series = SeriesShape;

interface Clash {
  readonly earlier: Series;
  readonly later: Series;
  readonly name: Overlap;
}

export function oneSeriesPerMetric({ config, source, queries }: ConfigRuleContext): ConfigIssue[] {
  const namespace = config.sink.type === "cloudwatch" ? config.sink.namespace : undefined;
  return queries.flatMap((later, position) =>
    queries.slice(0, position).flatMap((earlier) => {
      // Two entries of one query are queryNamesUnique's to report.
      const clash = earlier.name === later.name ? undefined : clashOf(earlier, later);
      if (clash === undefined) return [];
      return [
        {
          path: `queries[${later.index}]`,
          line: lineOf(source, ["queries", later.index]),
          message: describeClash(earlier, later, clash, namespace),
        },
      ];
    }),
  );
}

function clashOf(earlier: ResolvedQuery, later: ResolvedQuery): Clash | undefined {
  const ours = seriesOf(earlier);
  const theirs = seriesOf(later);
  if (ours === undefined || theirs === undefined) return undefined;
  for (const a of ours) {
    for (const b of theirs) {
      const name =
        sameKeys(a.dimensions, b.dimensions) && dimensionsCanMatch(a.dimensions, b.dimensions)
          ? overlap(a.name, b.name, NAME_MAX)
          : undefined;
      if (name !== undefined) return { earlier: a, later: b, name };
    }
  }
  return undefined;
}

function seriesOf(query: ResolvedQuery): Series[] | undefined {
  return seriesShapes(query.mapping, query.compiled.fieldShapes);
}

function sameKeys(a: ReadonlyMap<string, Shape>, b: ReadonlyMap<string, Shape>): boolean {
  return a.size === b.size && [...a.keys()].every((key) => b.has(key));
}

function dimensionsCanMatch(a: ReadonlyMap<string, Shape>, b: ReadonlyMap<string, Shape>): boolean {
  return [...a].every(([key, shape]) => overlap(shape, b.get(key)!, VALUE_MAX) !== undefined);
}

function describeClash(earlier: ResolvedQuery, later: ResolvedQuery, clash: Clash, namespace: string | undefined): string {
  const keys = [...clash.later.dimensions.keys()];
  const example = clash.name.example === undefined ? "the same name" : JSON.stringify(clash.name.example);
  const dimensions = keys.length === 0 ? "no dimensions" : `dimensions ${keys.join(", ")} that can take the same values`;
  const where = namespace === undefined ? "one namespace" : `namespace ${namespace}`;
  return (
    `${later.name} (${later.displayFile}) and queries[${earlier.index}] ${earlier.name} (${earlier.displayFile}) can publish ` +
    `the same metric: ` +
    `their ${clash.later.origin} and ${clash.earlier.origin} can both be ${example}, with ${dimensions}, and CloudWatch would ` +
    `add both into one series in ${where}; ` +
    `give one of them a dimension of its own, e.g. under queries[${later.index}]: dimensions: { Query: ${later.name} }, or ` +
    `publish it from a config with another sink.namespace`
  );
}
