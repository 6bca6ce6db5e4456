// Random token soups from the query vocabulary: half of them shaped like a query (commands
// separated by |) so the parser gets past the first token, half pure noise.
import { COMMANDS, VOCABULARY } from "./query-vocabulary.js";
import type { SeededRandom } from "./seeded-random.js";

const SEPARATORS = [" ", " ", " ", "", "\n", ", "];

function words(random: SeededRandom, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += (i === 0 ? "" : random.pick(SEPARATORS)) + random.pick(VOCABULARY);
  return out;
}

export function tokenSoup(random: SeededRandom): string {
  if (random.chance(0.5)) return words(random, random.between(0, 30));
  const commands: string[] = [];
  for (let n = random.between(1, 5); n > 0; n--) commands.push(`${random.pick(COMMANDS)} ${words(random, random.between(0, 8))}`);
  return commands.join(random.chance(0.8) ? " | " : "\n| ");
}
