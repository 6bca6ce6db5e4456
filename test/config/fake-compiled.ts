// A stand-in for the engine's compileQuery, so config tests control what a query "produces".
import { InternalError } from "../../src/errors.js";
import { QuerySyntaxError } from "../../src/insights/errors.js";
import type { CompiledQuery } from "../../src/insights/types.js";

export interface FakeQuery {
  readonly outputFields?: readonly string[] | null;
  readonly binPeriods?: readonly number[];
}

/**
 * Compiles by convention: the query text `fields a, b | bin 300000` produces fields a, b with a 5m bin;
 * `SYNTAX ERROR AT 2:7` throws a QuerySyntaxError at line 2, column 7.
 */
export function fakeCompile(text: string): CompiledQuery {
  const error = /SYNTAX ERROR AT (\d+):(\d+)/.exec(text);
  if (error !== null) throw new QuerySyntaxError("E_PARSE_EXPECTED", "expected a command", Number(error[1]), Number(error[2]));
  const fields = /fields ([\w, @()]+?)(?: \||$)/m.exec(text);
  const bin = /bin (\d+)/.exec(text);
  return {
    text,
    prefilter: null,
    outputFields: fields === null ? null : fields[1]!.split(",").map((field) => field.trim()),
    binPeriods: bin === null ? [] : [Number(bin[1])],
    start: () => {
      throw new InternalError("fake query cannot run");
    },
  };
}
