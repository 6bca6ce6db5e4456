import { RuntimeError } from "../../errors.js";
export async function backfill(_options: Record<string, unknown>): Promise<number | void> {
  throw new RuntimeError("backfill: not implemented yet");
}
