// The QuerySyntaxError a query gets from compileQuery, for tests that read its message.
import { compileQuery } from "../../../src/insights/compile.js";
import { QuerySyntaxError } from "../../../src/insights/errors.js";

export function refusal(query: string): QuerySyntaxError {
  try {
    compileQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`${query} compiled`);
}
