// The aggregate registry for `stats` (CWL_QuerySyntax-Stats, "Functions to use with stats"; the
// aggregation table of CWL_QuerySyntax.md). Each accumulator holds bounded state per group:
// count_distinct and pct are exact up to a size, then sketches (distinct-counter.ts, percentile.ts).
import type { Kind } from "../compile/compiled.js";
import { DistinctCounter } from "./distinct-counter.js";
import { lookupTable } from "./lookup-table.js";
import { compareValues } from "../runtime/natural-order.js";
import { Percentile } from "./percentile.js";
import type { ReferenceEntry } from "./reference-entry.js";
import { formatValue, toNumber, type Value } from "../runtime/values.js";

export interface Accumulator {
  add(v: Value): void;
  result(): Value;
}

const STATS_DOC = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Stats.html#CWL_QuerySyntax-stats-functions";

export interface AggregateSpec extends ReferenceEntry {
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

const NUMERIC_NULLS = "null and values that are not numbers are skipped; null when no value is a number";
const EXTREME_NULLS = "null is skipped; null when every value is null";
const ORDER = "values rank as `sort` ranks them (non-numbers before numbers, numbers by value); the value itself is returned";

export const AGGREGATES: Readonly<Record<string, AggregateSpec>> = lookupTable({
  count: {
    doc: STATS_DOC,
    usage: "count(*), count(), count(field)",
    summary: "`count(*)` and `count()`: the events of the group; `count(field)`: those where the field is not null",
    nulls: "`count(field)` does not count null",
    min: 0,
    max: 1,
    star: true,
    kind: numeric,
    create: () => new Count(),
  },
  count_distinct: {
    doc: STATS_DOC,
    usage: "count_distinct(field)",
    summary: 'The number of distinct values; values that print the same (`"1"` and `1`) are one',
    nulls: "null is not counted",
    choice: "exact up to 10,000 distinct values per group, then a HyperLogLog estimate (about 1% error)",
    min: 1,
    max: 1,
    kind: numeric,
    create: () => new CountDistinct(),
  },
  sum: {
    doc: STATS_DOC,
    usage: "sum(field)",
    summary: "The sum of the numeric values",
    nulls: NUMERIC_NULLS,
    min: 1,
    max: 1,
    kind: numeric,
    create: () => new Sum(),
  },
  avg: {
    doc: STATS_DOC,
    usage: "avg(field)",
    summary: "The mean of the numeric values",
    nulls: NUMERIC_NULLS,
    min: 1,
    max: 1,
    kind: numeric,
    create: () => new Avg(),
  },
  min: {
    doc: STATS_DOC,
    usage: "min(field)",
    summary: "The least value",
    nulls: EXTREME_NULLS,
    choice: ORDER,
    min: 1,
    max: 1,
    kind: same,
    create: () => new Extreme(1),
  },
  max: {
    doc: STATS_DOC,
    usage: "max(field)",
    summary: "The greatest value",
    nulls: EXTREME_NULLS,
    choice: ORDER,
    min: 1,
    max: 1,
    kind: same,
    create: () => new Extreme(-1),
  },
  pct: {
    doc: STATS_DOC,
    usage: "pct(field, percent)",
    summary: "The value below which `percent` percent of the numeric values fall; `percent` is a number from 0 to 100",
    nulls: NUMERIC_NULLS,
    choice: "the nearest-rank method, exact up to 1,000 values per group, then a sketch within 1% of the true value",
    min: 2,
    max: 2,
    kind: same,
    create: (p) => new Percentile(p ?? 50),
  },
});
