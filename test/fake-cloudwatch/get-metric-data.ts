// GetMetricData for MetricStat queries: Sum | SampleCount | Maximum | Minimum | Average per Period
// over EXACTLY matching dimensions, only datums visible by now (visibility.ts), and nothing at all
// when the Period is finer than CloudWatch keeps data starting that long ago (metric-periods.ts).
// A call returns at most MaxDatapoints data points (default 100,800), then a NextToken for the rest
// (GetMetricDataInput.MaxDatapoints, ScanBy: "paginates when the MaxDatapoints limit is reached").
// How AWS spreads a page over the queries is UNCONFIRMED: here the points of the queries in order,
// each result holding its points of that page ("PartialData" while it has more to come).
import { sameDimensions } from "./datum-stats.js";
import type { Handler, HandlerContext } from "./handler.js";
import {
  asObject,
  invalid,
  missing,
  optionalArray,
  optionalInteger,
  optionalString,
  requiredNumber,
  requiredString,
  type Input,
} from "./input.js";
import { aggregate, STATS, type Stat } from "./metric-aggregate.js";
import { readDimensions } from "./metric-name-rules.js";
import { alignedStart, requiredPeriodMultiple } from "./metric-periods.js";
import { makeToken, readToken } from "./page-token.js";
import { visibleFrom } from "./visibility.js";

const MAX_QUERIES = 500;
const ID = /^[a-z][a-zA-Z0-9_]*$/;
const SHORT_PERIODS = [1, 5, 10, 20, 30];

export const getMetricData: Handler = (input, context) => {
  const queries = optionalArray("cloudwatch", input, "MetricDataQueries") ?? [];
  if (queries.length === 0) throw missing("cloudwatch", "MetricDataQueries");
  if (queries.length > MAX_QUERIES) throw invalid("cloudwatch", "MetricDataQueries", `${queries.length} queries`, `at most ${MAX_QUERIES}`);
  const startMs = requiredNumber("cloudwatch", input, "StartTime") * 1000;
  const endMs = requiredNumber("cloudwatch", input, "EndTime") * 1000;
  if (!(startMs < endMs)) throw invalid("cloudwatch", "StartTime", startMs / 1000, "must be before EndTime");
  const scanBy = optionalString("cloudwatch", input, "ScanBy") ?? "TimestampDescending";
  if (scanBy !== "TimestampDescending" && scanBy !== "TimestampAscending") throw invalid("cloudwatch", "ScanBy", scanBy, "unknown order");
  const ids = new Set<string>();
  const results = queries.flatMap((item, i) => {
    const path = `MetricDataQueries.member.${i + 1}`;
    const query = asObject("cloudwatch", item, path);
    const id = requiredString("cloudwatch", query, "Id", `${path}.Id`);
    if (!ID.test(id) || ids.has(id)) throw invalid("cloudwatch", `${path}.Id`, id, "must be unique and match [a-z][a-zA-Z0-9_]*");
    ids.add(id);
    if (query.ReturnData === false) return [];
    return [answer(query, path, id, { startMs, endMs, descending: scanBy === "TimestampDescending" }, context)];
  });
  const maxDatapoints =
    optionalInteger("cloudwatch", input, "MaxDatapoints", [1, Number.MAX_SAFE_INTEGER]) ?? context.options.getMetricDataMaxDatapoints;
  const scope = `GetMetricData:${startMs}:${endMs}:${results.map((result) => result.Id).join(",")}`;
  return page(results, readToken(optionalString("cloudwatch", input, "NextToken"), scope, "InvalidNextToken"), maxDatapoints, scope);
};

type Result = ReturnType<typeof answer>;

/** The data points [offset, offset + max) of the results taken in order, and a token for the rest. */
function page(results: readonly Result[], offset: number, max: number, scope: string) {
  let before = 0;
  const paged = results.map((result) => {
    const from = Math.min(Math.max(offset - before, 0), result.Timestamps.length);
    const to = Math.min(Math.max(offset + max - before, 0), result.Timestamps.length);
    before += result.Timestamps.length;
    return {
      ...result,
      Timestamps: result.Timestamps.slice(from, to),
      Values: result.Values.slice(from, to),
      StatusCode: to < result.Timestamps.length ? "PartialData" : "Complete",
    };
  });
  const more = offset + max < before;
  return { MetricDataResults: paged, Messages: [], ...(more ? { NextToken: makeToken(scope, offset + max) } : {}) };
}

interface Window {
  readonly startMs: number;
  readonly endMs: number;
  readonly descending: boolean;
}

function answer(query: Input, path: string, id: string, window: Window, context: HandlerContext) {
  if (query.Expression !== undefined)
    throw invalid("cloudwatch", `${path}.Expression`, query.Expression, "the stand-in answers MetricStat queries only");
  const statPath = `${path}.MetricStat`;
  const metricStat = query.MetricStat;
  if (metricStat === undefined) throw missing("cloudwatch", statPath);
  const stat = asObject("cloudwatch", metricStat, statPath);
  const metric = asObject("cloudwatch", stat.Metric, `${statPath}.Metric`);
  const namespace = requiredString("cloudwatch", metric, "Namespace", `${statPath}.Metric.Namespace`);
  const name = requiredString("cloudwatch", metric, "MetricName", `${statPath}.Metric.MetricName`);
  const dimensions = readDimensions(metric, `${statPath}.Metric`);
  const period = requiredNumber("cloudwatch", stat, "Period", `${statPath}.Period`);
  if (!Number.isInteger(period) || !(SHORT_PERIODS.includes(period) || (period > 0 && period % 60 === 0))) {
    throw invalid("cloudwatch", `${statPath}.Period`, period, "must be 1, 5, 10, 20, 30 or a multiple of 60");
  }
  const statName = requiredString("cloudwatch", stat, "Stat", `${statPath}.Stat`);
  if (!(STATS as readonly string[]).includes(statName))
    throw invalid("cloudwatch", `${statPath}.Stat`, statName, `the stand-in knows ${STATS.join(", ")}`);
  const unit = optionalString("cloudwatch", stat, "Unit", `${statPath}.Unit`);
  const now = context.options.now();
  const age = now - window.startMs;
  const kept = period % requiredPeriodMultiple(age) === 0;
  const datums = context.state.datums.filter(
    (d) =>
      kept &&
      d.namespace === namespace &&
      d.metricName === name &&
      sameDimensions(d.dimensions, dimensions) &&
      (unit === undefined || d.unit === unit) &&
      visibleFrom(d, context.options.visibilityDelayMs) <= now,
  );
  const series = aggregate(datums, alignedStart(window.startMs, period, age), window.endMs, period, statName as Stat);
  const order = series.timestamps.map((_, i) => i);
  if (window.descending) order.reverse();
  return {
    Id: id,
    Label: optionalString("cloudwatch", query, "Label", `${path}.Label`) ?? name,
    Timestamps: order.map((i) => (series.timestamps[i] as number) / 1000),
    Values: order.map((i) => series.values[i] as number),
    StatusCode: "Complete",
    Messages: [],
  };
}
