// Placeholder until the derivation lands: null means "no prefilter", which is always sound.
import type { Command } from "./ast.js";
import type { QuerySource } from "./source.js";
import type { Prefilter } from "./types.js";

export function derivePrefilter(_source: QuerySource, _commands: readonly Command[]): Prefilter | null {
  return null;
}
