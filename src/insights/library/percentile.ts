// pct(field, N) for stats. AWS documents the meaning ("the value at which N percent of the values
// are lower") but not the method. This engine uses the nearest-rank method on the numeric values
// (sorted ascending, the value at rank ceil(N/100 * n), at least rank 1), exactly while a group
// has at most EXACT_LIMIT values. Beyond that it keeps a log-bucket sketch instead (DDSketch,
// relative accuracy 1%), so memory stays bounded per group; AWS's pct is approximate as well.
// Non-numeric values are skipped; no numeric value gives null.
import { toNumber, type Value } from "../runtime/values.js";

const EXACT_LIMIT = 1000;
const ACCURACY = 0.01;
const GAMMA = (1 + ACCURACY) / (1 - ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);

export class Percentile {
  private values: number[] | null = [];
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeros = 0;
  private count = 0;

  constructor(private readonly percent: number) {}

  add(v: Value): void {
    const x = toNumber(v);
    if (x === null) return;
    this.count++;
    if (this.values !== null) {
      this.values.push(x);
      if (this.values.length > EXACT_LIMIT) this.toSketch();
    } else this.addToSketch(x);
  }

  result(): Value {
    if (this.count === 0) return null;
    const rank = Math.min(this.count, Math.max(1, Math.ceil((this.percent / 100) * this.count)));
    if (this.values !== null) return this.values.sort((a, b) => a - b)[rank - 1] ?? null;
    return this.sketchValue(rank);
  }

  private toSketch(): void {
    const values = this.values ?? [];
    this.values = null;
    for (const x of values) this.addToSketch(x);
  }

  private addToSketch(x: number): void {
    if (x === 0) this.zeros++;
    else {
      const buckets = x > 0 ? this.positive : this.negative;
      const key = Math.ceil(Math.log(Math.abs(x)) / LOG_GAMMA);
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
  }

  /** Walks the buckets from the most negative value up to the one holding `rank`. */
  private sketchValue(rank: number): number {
    let seen = 0;
    const negatives = [...this.negative.keys()].sort((a, b) => b - a);
    for (const key of negatives) {
      seen += this.negative.get(key) ?? 0;
      if (seen >= rank) return -bucketValue(key);
    }
    seen += this.zeros;
    if (seen >= rank) return 0;
    const positives = [...this.positive.keys()].sort((a, b) => a - b);
    for (const key of positives) {
      seen += this.positive.get(key) ?? 0;
      if (seen >= rank) return bucketValue(key);
    }
    return bucketValue(positives[positives.length - 1] ?? 0);
  }
}

/** The value a bucket stands for: within ACCURACY of every value in it. */
function bucketValue(key: number): number {
  return (2 * GAMMA ** key) / (GAMMA + 1);
}
