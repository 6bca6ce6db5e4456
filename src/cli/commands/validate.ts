import { RuntimeError } from "../../errors.js";
export async function validate(_options: Record<string, unknown>): Promise<number | void> {
  throw new RuntimeError("validate: not implemented yet");
}
