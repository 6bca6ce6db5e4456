// The error compiling a query throws, as the user reads it.
import { compileQuery } from "../../src/insights/compile.js";
import { QuerySyntaxError } from "../../src/insights/errors.js";

/** The error compiling `query` throws, as "CODE line:column detail"; "no error" when it compiles. */
export function queryError(query: string): string {
  try {
    compileQuery(query);
  } catch (caught) {
    if (!(caught instanceof QuerySyntaxError)) throw caught;
    return `${caught.code} ${caught.line}:${caught.column} ${caught.detail}`;
  }
  return "no error";
}
