// The aggregate registry for `stats` (CWL_QuerySyntax-Stats, "Functions to use with stats"; the
// aggregation table of CWL_QuerySyntax.md). Each accumulator holds bounded state per group:
// count_distinct and pct are exact up to a size, then sketches (distinct-counter.ts, percentile.ts).
import type { Kind } from "./compiled.js";
import { DistinctCounter } from "./distinct-counter.js";
import { lookupTable } from "./lookup-table.js";
import { compareValues } from "./natural-order.js";
import { Percentile } from "./percentile.js";
import { formatValue, toNumber, type Value } from "./values.js";

export interface Accumulator {
  add(v: Value): void;
  result(): Value;
}

const STATS_DOC = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Stats.html#CWL_QuerySyntax-stats-functions";

export interface AggregateSpec {
  /** The documentation section the aggregate follows. */
  readonly doc: string;
  /** Argument counts; count also takes `*` or nothing. */
  readonly min: number;
  readonly max: number;
  readonly star?: boolean;
  readonly kind: (argKind: Kind) => Kind;
  /** `param` is the constant second argument (pct's percentile). */
  readonly create: (param: number | null) => Accumulator;
}

/** count(*) / count() count every record; count(field) the records where the field is not null. */
class Count implements Accumulator {
  private n = 0;
  add(v: Value): void {
    if (v !== null) this.n++;
  }
  result(): Value {
    return this.n;
  }
}

/** Values that print the same ("1" and 1) are one value; see distinct-counter.ts for the bound. */
class CountDistinct implements Accumulator {
  private readonly seen = new DistinctCounter();
  add(v: Value): void {
    if (v !== null) this.seen.add(typeof v === "string" ? v : formatValue(v, false));
  }
  result(): Value {
    return this.seen.size();
  }
}

/** sum and avg read numbers and numeric strings, skip everything else; no number at all gives null. */
class Sum implements Accumulator {
  protected total = 0;
  protected n = 0;
  add(v: Value): void {
    const x = toNumber(v);
    if (x === null) return;
    this.total += x;
    this.n++;
  }
  result(): Value {
    return this.n === 0 ? null : this.total;
  }
}

class Avg extends Sum {
  override result(): Value {
    return this.n === 0 ? null : this.total / this.n;
  }
}

/** min and max rank values in the order of `sort` (natural-order.ts) and return the value itself. */
class Extreme implements Accumulator {
  private best: Value = null;
  constructor(private readonly sign: 1 | -1) {}
  add(v: Value): void {
    if (v !== null && (this.best === null || this.sign * compareValues(v, this.best) < 0)) this.best = v;
  }
  result(): Value {
    return this.best;
  }
}

const same = (k: Kind) => k;
const numeric = (): Kind => "value";

export const AGGREGATES: Readonly<Record<string, AggregateSpec>> = lookupTable({
  count: { doc: STATS_DOC, min: 0, max: 1, star: true, kind: numeric, create: () => new Count() },
  count_distinct: { doc: STATS_DOC, min: 1, max: 1, kind: numeric, create: () => new CountDistinct() },
  sum: { doc: STATS_DOC, min: 1, max: 1, kind: numeric, create: () => new Sum() },
  avg: { doc: STATS_DOC, min: 1, max: 1, kind: numeric, create: () => new Avg() },
  min: { doc: STATS_DOC, min: 1, max: 1, kind: same, create: () => new Extreme(1) },
  max: { doc: STATS_DOC, min: 1, max: 1, kind: same, create: () => new Extreme(-1) },
  // pct(field, N): the value below which N percent of the values fall.
  pct: { doc: STATS_DOC, min: 2, max: 2, kind: same, create: (p) => new Percentile(p ?? 50) },
});
