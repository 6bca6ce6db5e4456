import { RuntimeError } from "../../errors.js";
export async function stateShow(_options: Record<string, unknown>): Promise<number | void> {
  throw new RuntimeError("state show: not implemented yet");
}
export async function stateReset(_options: Record<string, unknown>): Promise<number | void> {
  throw new RuntimeError("state reset: not implemented yet");
}
