// A small seeded generator (mulberry32) so every fuzz run can be replayed from the seed it prints.
import { prng } from "../support/prng.js";

export class SeededRandom {
  private readonly random: () => number;

  constructor(readonly seed: number) {
    this.random = prng(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.random();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }
}

/**
 * The seed of one suite: BAD_INPUT_SEED from the environment when set (to replay a run, or to explore
 * with a new one in CI), else the suite's fixed default, so `npm test` is deterministic.
 */
export function suiteSeed(fallback: number): number {
  const text = process.env.BAD_INPUT_SEED;
  if (text === undefined || text === "") return fallback;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(`BAD_INPUT_SEED must be an integer 0..4294967295, got ${text}`);
  return seed;
}

/** BAD_INPUT_SCALE multiplies the number of generated cases (default 1), for a longer exploration. */
export function suiteScale(): number {
  const text = process.env.BAD_INPUT_SCALE;
  if (text === undefined || text === "") return 1;
  const scale = Number(text);
  if (!(scale > 0 && scale <= 1000)) throw new Error(`BAD_INPUT_SCALE must be a number in (0, 1000], got ${text}`);
  return scale;
}
