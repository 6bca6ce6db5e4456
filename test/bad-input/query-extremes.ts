// Two families the other generators reach too rarely: expressions nested or chained hundreds to
// thousands deep (recursion in the parser, compiler and evaluator), and words that are also the
// names of Object.prototype members in every slot a word can take (registry lookups by name).
import type { SeededRandom } from "./seeded-random.js";

export const NESTINGS: readonly ((depth: number) => string)[] = [
  (d) => `filter ${"(".repeat(d)}1${")".repeat(d)}`,
  (d) => `filter ${"not ".repeat(d)}ispresent(@message)`,
  (d) => `fields ${"-".repeat(d)}1 as x`,
  (d) => `fields ${"abs(".repeat(d)}1${")".repeat(d)} as x`,
  (d) => `fields ${"concat(".repeat(d)}"a"${")".repeat(d)} as x`,
  (d) => `fields ${"2 ^ ".repeat(d)}1 as x`,
  (d) => `fields ${"1 + ".repeat(d)}1 as x`,
  (d) => `filter ${"@message like 'a' or ".repeat(d)}1`,
  (d) => `fields ${"(1 + ".repeat(d)}1${")".repeat(d)} as x`,
  (d) => `stats count(*) as n by ${"abs(".repeat(d)}1${")".repeat(d)}`,
];

/** A nested or chained expression, depth spread from 1 to ~3000 (more small than large). */
export function deepQuery(random: SeededRandom): string {
  const depth = Math.floor(Math.exp(random.next() * Math.log(3000))) + 1;
  return random.pick(NESTINGS)(depth);
}

const PROTOTYPE_WORDS = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
  "prototype",
];

const SLOTS: readonly ((word: string) => string)[] = [
  (w) => w,
  (w) => `${w} @message`,
  (w) => `fields @message | ${w}`,
  (w) => `fields ${w}(1) as x`,
  (w) => `fields ${w}(@message, 1, 2) as x`,
  (w) => `stats ${w}(*) as n`,
  (w) => `stats ${w}(@message) as n`,
  (w) => `stats count(*) as n by bin(5${w})`,
  (w) => `stats count(*) as n by bin(5${w}s)`,
  (w) => `fields datefloor(@timestamp, 1${w}) as t`,
  (w) => `fields ${w}`,
  (w) => `filter ${w}`,
  (w) => `fields ${w} as ${w} | sort ${w} desc`,
  (w) => `parse @message /(?<${w}>.)/ | stats count(*) as n by ${w}`,
  (w) => `parse @message "*" as ${w} | dedup ${w}`,
  (w) => `stats count(*) as ${w} by @logStream | display ${w}`,
  (w) => `parse ${w} "*" as x`,
  (w) => `filter @message ${w} "a"`,
  (w) => `sort @message ${w}`,
];

/** A word that is also an Object.prototype member, in one of the slots a word can take. */
export function prototypeWordQuery(random: SeededRandom): string {
  return random.pick(SLOTS)(random.pick(PROTOTYPE_WORDS));
}

/** Every slot with every word: few enough to run exhaustively. */
export const ALL_PROTOTYPE_WORD_QUERIES: readonly string[] = SLOTS.flatMap((slot) => PROTOTYPE_WORDS.map(slot));
