// Whether a query's numbers depend on how a time range is cut into runs. mail-metrics queries a
// range of whole windows, each a whole number of bins, and publishes every row: the published
// numbers must be the same whether one run covers twelve windows or twelve runs cover one each.
// That holds when every row is computed from the events of one bin alone:
// - commands before the first stats act on single events (fields, parse, filter, display);
// - the first stats groups by a bin() or datefloor(@timestamp, ...) (the config checks that its
//   period divides schedule.period);
// - every later stats groups by a field that still holds that bin, so it adds up rows of one bin;
// - commands after a stats act on single rows: a filter (`filter count > 5` drops a bin's row for
//   that bin's own count), fields, parse, display; a sort only reorders the rows, which become the
//   same datums in any order.
// What breaks it acts on the whole range a run queries: limit (keeps N rows of all the bins, or N
// events), dedup (keeps one row per value across bins), a sort before the first stats (the engine
// keeps only the row limit of sorted events for the stats), a stats without a bin of its own.
import type { Command, Expr, StatsCommand } from "../syntax/ast.js";
import { compileRegex } from "../compile/regex.js";
import type { QuerySource } from "../syntax/query-source.js";
import { nominalMs, timeUnit } from "../library/time.js";
import type { CutHazard, TimeCut } from "../types.js";

export function analyseTimeCut(source: QuerySource, commands: readonly Command[]): TimeCut {
  const hazards: CutHazard[] = [];
  const hazard = (offset: number, message: string) => hazards.push({ ...source.position(offset), message });
  /** Fields holding the bin each row belongs to, with its period; null before the first stats. */
  let bins: Map<string, number> | null = null;
  commands.forEach((cmd, index) => {
    switch (cmd.kind) {
      case "limit":
        return hazard(cmd.start, limitHazard(cmd.count, bins !== null));
      case "dedup":
        return hazard(cmd.start, DEDUP_HAZARD);
      case "sort":
        if (bins === null && commands.slice(index + 1).some((later) => later.kind === "stats")) hazard(cmd.start, SORT_BEFORE_STATS_HAZARD);
        return;
      case "stats": {
        const next = bins === null ? binsOfFirstStats(cmd) : binsCarriedBy(cmd, bins);
        if (next.size === 0) hazard(cmd.start, bins === null ? NO_BIN_HAZARD : notCarriedHazard(bins));
        bins = next;
        return;
      }
      case "fields":
      case "parse":
        if (bins !== null) bins = binsAfterAssignment(source, cmd, bins);
        return;
      case "filter":
      case "display":
        return;
    }
  });
  return { hazards, binPeriods: [...new Set((bins ?? new Map<string, number>()).values())] };
}

const WHOLE_RANGE =
  "of the whole range one run queries, so one run over twelve windows publishes other numbers than twelve runs over one window each";
const limitHazard = (count: number, afterStats: boolean) =>
  `limit ${count} keeps ${count} ${afterStats ? "rows" : "events"} ${WHOLE_RANGE}; remove it (every row becomes a datum)`;
const DEDUP_FIX = "remove it, and count distinct values per bin with count_distinct(field) in the stats";
const DEDUP_HAZARD = `dedup keeps one row per value ${WHOLE_RANGE}; ${DEDUP_FIX}`;
const SORT_BEFORE_STATS_HAZARD =
  `a sort before the first stats passes only the query's row limit of sorted events to it, a ` +
  `share ${WHOLE_RANGE}; remove it: stats does not depend on the order of events`;
const NO_BIN_HAZARD =
  `stats without a bin() among its groups counts the whole range one run queries as one, so one run over twelve windows ` +
  `publishes one number where twelve runs publish twelve; ` +
  "group it by a bin of schedule.period or a divisor of it, e.g. `by metric, bin(5m) as binStart`, and set metric.timestamp to binStart";
const notCarriedHazard = (bins: ReadonlyMap<string, number>) =>
  bins.size === 0
    ? "this stats adds up rows of different bins (no field holds the earlier stats' bin any more), so its numbers depend on how " +
      "many windows one run covers; keep the bin field and add it to this stats' by"
    : `this stats groups by none of the earlier stats' bin fields (${[...bins.keys()].join(", ")}), so it adds up rows of ` +
      `different bins, which one run over more windows has more of; add ${[...bins.keys()][0]} to its by`;

/** The `by` items of the first stats that are bin(period), or datefloor(@timestamp, period), which is the same. */
function binsOfFirstStats(cmd: StatsCommand): Map<string, number> {
  const bins = new Map<string, number>();
  for (const item of cmd.by) {
    const period = binPeriodOf(item.expr);
    if (period !== undefined) bins.set(item.name, period);
  }
  return bins;
}

function binPeriodOf(expr: Expr): number | undefined {
  if (expr.kind !== "call") return undefined;
  const name = expr.name.toLowerCase();
  const [first, second] = expr.args;
  const period =
    name === "bin" ? first : name === "datefloor" && first?.kind === "field" && first.name === "@timestamp" ? second : undefined;
  const unit = period?.kind === "duration" ? timeUnit(period.unit) : null;
  return period?.kind === "duration" && unit !== null ? nominalMs({ amount: period.amount, unit }) : undefined;
}

/** The `by` items of a later stats that name a bin field as it is (a bin() there would read @timestamp, which rows no longer have). */
function binsCarriedBy(cmd: StatsCommand, bins: ReadonlyMap<string, number>): Map<string, number> {
  const carried = new Map<string, number>();
  for (const item of cmd.by) {
    const period = item.expr.kind === "field" ? bins.get(item.expr.name) : undefined;
    if (period !== undefined) carried.set(item.name, period);
  }
  return carried;
}

/** A field assigned anything but a bin field no longer holds a bin; `fields t as u` copies one. */
function binsAfterAssignment(
  source: QuerySource,
  cmd: Extract<Command, { kind: "fields" | "parse" }>,
  bins: ReadonlyMap<string, number>,
): Map<string, number> {
  const next = new Map(bins);
  if (cmd.kind === "fields") {
    for (const item of cmd.items) {
      const copied = item.expr.kind === "field" ? next.get(item.expr.name) : undefined;
      if (copied === undefined) next.delete(item.name);
      else next.set(item.name, copied);
    }
  } else {
    const names = cmd.mode === "glob" ? cmd.names.map((n) => n.name) : compileRegex(source, cmd.pattern).groupNames;
    for (const name of names) next.delete(name);
  }
  return next;
}
