// Mutations of a real query: token-level (insert, delete, swap, duplicate, replace) and
// character-level (insert, delete, swap, duplicate a slice, truncate). Each case applies 1-3.
import type { SeededRandom } from "./seeded-random.js";
import { MUTATION_CHARACTERS, VOCABULARY } from "./query-vocabulary.js";

/** Rough tokens: whitespace runs, quoted strings, /regex/ and backquoted spans, words, single characters. */
const PIECE = /\s+|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/(?:[^/\\\n]|\\.)*\/|`[^`]*`|[\w@.]+|[\s\S]/g;

export function pieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

type Mutation = (text: string, random: SeededRandom) => string;

const at = (parts: string[], random: SeededRandom) => random.int(parts.length + 1);

const tokenMutations: Mutation[] = [
  function insertToken(text, random) {
    const parts = pieces(text);
    parts.splice(at(parts, random), 0, ` ${random.pick(VOCABULARY)} `);
    return parts.join("");
  },
  function deleteToken(text, random) {
    const parts = pieces(text);
    parts.splice(random.int(parts.length), 1);
    return parts.join("");
  },
  function swapTokens(text, random) {
    const parts = pieces(text);
    const i = random.int(parts.length);
    const j = random.int(parts.length);
    [parts[i], parts[j]] = [parts[j] as string, parts[i] as string];
    return parts.join("");
  },
  function duplicateTokens(text, random) {
    const parts = pieces(text);
    const start = random.int(parts.length);
    const run = parts.slice(start, start + random.between(1, 4)).join("");
    parts.splice(start, 0, run.repeat(random.between(1, 6)));
    return parts.join("");
  },
  function replaceToken(text, random) {
    const parts = pieces(text);
    parts[random.int(parts.length)] = random.pick(VOCABULARY);
    return parts.join("");
  },
];

const characterMutations: Mutation[] = [
  function insertCharacter(text, random) {
    const i = random.int(text.length + 1);
    return text.slice(0, i) + random.pick(MUTATION_CHARACTERS) + text.slice(i);
  },
  function deleteCharacter(text, random) {
    const i = random.int(text.length);
    return text.slice(0, i) + text.slice(i + 1);
  },
  function swapCharacters(text, random) {
    const i = random.int(Math.max(1, text.length - 1));
    return text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
  },
  function duplicateSlice(text, random) {
    const i = random.int(text.length);
    const slice = text.slice(i, i + random.between(1, 12));
    return text.slice(0, i) + slice.repeat(random.between(2, 5)) + text.slice(i);
  },
  function truncate(text, random) {
    return text.slice(0, random.int(text.length + 1));
  },
];

export const MUTATIONS: readonly Mutation[] = [...tokenMutations, ...characterMutations];

/** `text` with 1-3 random mutations applied. */
export function mutate(text: string, random: SeededRandom): string {
  let out = text;
  for (let n = random.between(1, 3); n > 0; n--) out = random.pick(MUTATIONS)(out, random);
  return out;
}
