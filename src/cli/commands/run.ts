import { RuntimeError } from "../../errors.js";
export async function run(_options: Record<string, unknown>): Promise<number | void> {
  throw new RuntimeError("run: not implemented yet");
}
