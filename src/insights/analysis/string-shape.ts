// What strings an expression can produce, as a small regular language: a union of sequences of
// runs, each run min..max characters from one set. `[2-5]\d\d` is one sequence of three runs,
// `(?:a|bc)` two sequences. Every operation over-approximates: a shape may allow strings the
// query never makes, never the other way round. When a shape grows past a few dozen sequences or
// runs it is widened to "any of its characters, any number of times", which is still sound.
import { CharSet } from "./char-set.js";

export interface Run {
  readonly chars: CharSet;
  readonly min: number;
  /** Infinity for no upper bound. */
  readonly max: number;
}

export type Sequence = readonly Run[];

/** A union of sequences; [] is no string at all, [[]] only the empty string. */
export type Shape = readonly Sequence[];

const MAX_SEQUENCES = 32;
const MAX_RUNS = 48;
/** Longer repeats count as "at least 64" (a bound above it as none): it keeps the overlap search small. */
const MAX_BOUND = 64;

export const NOTHING: Shape = [];
export const EMPTY: Shape = [[]];
export const ANY: Shape = [[{ chars: CharSet.ALL, min: 0, max: Infinity }]];

export function run(chars: CharSet, min = 1, max = min): Shape {
  if (chars.isEmpty()) return min === 0 ? EMPTY : NOTHING;
  return max === 0 ? EMPTY : [[{ chars, min: Math.min(min, MAX_BOUND), max: max > MAX_BOUND ? Infinity : max }]];
}

export function literal(text: string): Shape {
  return [Array.from(text, (char) => ({ chars: CharSet.of(char), min: 1, max: 1 }))];
}

export function union(...shapes: readonly Shape[]): Shape {
  return bounded(shapes.flat());
}

export function concat(...shapes: readonly Shape[]): Shape {
  return shapes.reduce<Shape>((left, right) => bounded(left.flatMap((a) => right.map((b) => [...a, ...b]))), EMPTY);
}

/** The shape repeated min..max times. */
export function repeat(shape: Shape, min: number, max: number): Shape {
  if (min === 1 && max === 1) return shape;
  if (max === 0) return EMPTY;
  const only = shape.length === 1 && shape[0]!.length === 1 ? shape[0]![0]! : undefined;
  if (only !== undefined) return run(only.chars, only.min * min, only.max * max);
  if (min === 0 && max === 1) return union(shape, EMPTY);
  return min > 0 && !shape.some((sequence) => sequence.every((r) => r.min === 0)) ? run(alphabet(shape), 1, Infinity) : anyOf(shape);
}

/** Any string of the characters the shape uses: what is left when its structure is not known. */
export function anyOf(shape: Shape): Shape {
  return shape.length === 0 ? NOTHING : run(alphabet(shape), 0, Infinity);
}

export function alphabet(shape: Shape): CharSet {
  return shape.flat().reduce((chars, r) => chars.union(r.chars), CharSet.EMPTY);
}

/** Each run replaced by `map(run)`. */
export function mapRuns(shape: Shape, map: (r: Run) => Run): Shape {
  return bounded(shape.map((sequence) => sequence.map(map)));
}

function bounded(sequences: readonly Sequence[]): Shape {
  const kept = sequences.filter((sequence) => sequence.every((r) => !r.chars.isEmpty() || r.min === 0));
  if (kept.length > MAX_SEQUENCES || kept.some((sequence) => sequence.length > MAX_RUNS)) return anyOf(kept);
  return kept;
}
