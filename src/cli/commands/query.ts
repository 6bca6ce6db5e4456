import { RuntimeError } from "../../errors.js";
export async function query(_file: string, _logs: string[], _options: Record<string, unknown>): Promise<number | void> {
  throw new RuntimeError("query: not implemented yet");
}
