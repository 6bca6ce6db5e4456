// pct(field, N) for stats. AWS documents the meaning ("the value at which N percent of the values
// are lower") but not the method; this engine uses the nearest-rank method on the numeric values:
// sorted ascending, the value at rank ceil(N/100 * n) (at least rank 1). Non-numeric values are
// skipped; no numeric value gives null.
import { toNumber, type Value } from "./values.js";

export class Percentile {
  private values: number[] = [];

  constructor(private readonly percent: number) {}

  add(v: Value): void {
    const x = toNumber(v);
    if (x !== null) this.values.push(x);
  }

  result(): Value {
    const n = this.values.length;
    if (n === 0) return null;
    this.values.sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((this.percent / 100) * n));
    return this.values[Math.min(rank, n) - 1] ?? null;
  }
}
