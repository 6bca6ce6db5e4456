// The ConfigError a config load must end in; anything else fails the test.
import { ConfigError } from "../../src/errors.js";

export async function configErrorOf(loading: Promise<unknown>): Promise<ConfigError> {
  try {
    await loading;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}
