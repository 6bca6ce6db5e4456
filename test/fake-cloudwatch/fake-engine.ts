// TEMPORARY: a tiny stand-in for the Logs Insights engine (src/insights/compile.ts, being built on
// branch `engine`), behind the same CompiledQuery contract. Delete once the engine is merged.
// Understands: `filter @message like /re/`, `stats count(*) as <name>`, otherwise one row per event;
// a query containing "!!" is a syntax error at that position.
import { QuerySyntaxError } from "../../src/errors.js";
import type { CompiledQuery, LogEvent, ResultRow } from "../../src/insights/types.js";

export function fakeCompile(text: string): CompiledQuery {
  const bad = text.indexOf("!!");
  if (bad >= 0) {
    const before = text.slice(0, bad).split("\n");
    throw new QuerySyntaxError("E_LEX_CHAR", "unexpected character '!'", before.length, (before.at(-1)?.length ?? 0) + 1);
  }
  const filter = /filter @message like \/(.+?)\//.exec(text)?.[1];
  const count = /stats count\(\*\) as (\w+)/.exec(text)?.[1];
  const regex = filter === undefined ? undefined : new RegExp(filter);
  return {
    text,
    prefilter: null,
    binPeriods: [],
    outputFields: count === undefined ? null : [count],
    start: (options = {}) => {
      const matched: LogEvent[] = [];
      let scanned = 0;
      return {
        push: (event) => {
          scanned += 1;
          if (regex === undefined || regex.test(event.message)) matched.push(event);
        },
        finish: () => {
          const rows: ResultRow[] =
            count === undefined ? matched.map(rowOf) : [[{ field: count, value: String(matched.length) }]];
          return { rows: rows.slice(0, options.limit ?? 10_000), recordsScanned: scanned, recordsMatched: matched.length };
        },
      };
    },
  };
}

function rowOf(event: LogEvent): ResultRow {
  const timestamp = new Date(event.timestamp).toISOString().replace("T", " ").replace("Z", "");
  return [
    { field: "@timestamp", value: timestamp },
    { field: "@message", value: event.message },
    { field: "@log", value: event.logGroup ?? "" },
    { field: "@logStream", value: event.logStream ?? "" },
  ];
}
