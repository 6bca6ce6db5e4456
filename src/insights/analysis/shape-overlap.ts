// Whether two shapes (string-shape.ts) share a string once both are cut to `maxLength` characters,
// as CloudWatch names are: a walk over pairs of positions, one in each shape, reading one common
// character a step. A pair where both shapes may end is a common string; a pair still alive after
// maxLength steps is a common prefix of that length, which the cut makes equal.
import type { CharSet } from "./char-set.js";
import type { Sequence, Shape } from "./string-shape.js";

export interface Overlap {
  /** A string both can produce; absent when the search gave up before finding one. */
  readonly example?: string;
}

/** Positions visited before giving up and answering "they may overlap". */
const WORK_LIMIT = 200_000;

/** A common string of `a` and `b` (cut to maxLength), or undefined when they provably have none. */
export function overlap(a: Shape, b: Shape, maxLength: number): Overlap | undefined {
  const budget = { left: WORK_LIMIT };
  for (const x of a) {
    for (const y of b) {
      const found = sequencesOverlap(x, y, maxLength, budget);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A position in a sequence: run `run`, of which `count` characters are read (counted up to the run's min when it has no max). */
type Position = readonly [run: number, count: number];

interface Step {
  readonly a: Position;
  readonly b: Position;
  readonly text: string;
}

function sequencesOverlap(x: Sequence, y: Sequence, maxLength: number, budget: { left: number }): Overlap | undefined {
  // Without a cut, a pair met again adds nothing; with one, it may still reach the cut's length.
  const seen = new Set<string>();
  const fresh = (step: Step) => maxLength !== Infinity || !seen.has(keyOf(step));
  let layer: Step[] = pairs(closure(x, [0, 0]), closure(y, [0, 0]), "");
  for (let depth = 0; layer.length > 0; depth++) {
    // Both may end here; an empty name or value is never published (metrics/sanitise.ts), so not at depth 0.
    const done = depth === 0 ? undefined : layer.find((step) => step.a[0] === x.length && step.b[0] === y.length);
    if (done !== undefined) return { example: done.text };
    if (depth === maxLength) return { example: layer[0]!.text };
    budget.left -= layer.length;
    if (budget.left < 0) return {};
    for (const step of layer) seen.add(keyOf(step));
    const next = new Map<string, Step>();
    for (const step of layer) {
      for (const [chars, a] of moves(x, step.a)) {
        for (const [other, b] of moves(y, step.b)) {
          const char = chars.intersect(other).sample();
          if (char === undefined) continue;
          for (const pair of pairs(closure(x, a), closure(y, b), step.text + char)) if (fresh(pair)) next.set(keyOf(pair), pair);
        }
      }
    }
    layer = [...next.values()];
  }
  return undefined;
}

const keyOf = (step: Step) => `${step.a}|${step.b}`;

function pairs(as: readonly Position[], bs: readonly Position[], text: string): Step[] {
  return as.flatMap((a) => bs.map((b) => ({ a, b, text })));
}

/** The position and every later one reachable without reading: past runs that have read their min. */
function closure(sequence: Sequence, position: Position): Position[] {
  const found: Position[] = [position];
  let [index, count] = position;
  while (index < sequence.length && count >= sequence[index]!.min) {
    index++;
    count = 0;
    found.push([index, 0]);
  }
  return found;
}

/** The characters readable at a position, each with the position after it. */
function moves(sequence: Sequence, [index, count]: Position): [CharSet, Position][] {
  const current = sequence[index];
  if (current === undefined || count >= current.max) return [];
  return [[current.chars, [index, Math.min(count + 1, current.max === Infinity ? current.min : count + 1)]]];
}
