import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { fuseOps } from "../../../src/insights/compile/fused-ops.js";
import type { CompiledQuery } from "../../../src/insights/types.js";

const BQ = "`";
const T0 = Date.UTC(2024, 4, 19, 6, 0, 0);
const MESSAGES = [
  "k=v1 n=12 dsn=5.7.1, status=bounced (said: 550 5.7.1 no)",
  "k=v2 n=x said: 451 try later",
  "no fields at all",
  'k="quoted" n=3.5 dsn=2.0.0, status=sent',
  "",
];

/** The rows of `query`, every event pushed (fewer than the row limit). */
function rows(query: string | CompiledQuery, prefiltered = false): unknown {
  const execution = (typeof query === "string" ? compileQuery(query) : query).start({ prefiltered });
  MESSAGES.forEach((message, i) => execution.push({ timestamp: T0 + i * 61_000, message, logStream: "s" }));
  return execution.finish().rows;
}

// Streaming commands whose fused form (one function made per query) must do what each command's
// own closure does: the same commands after a sort run one by one on the retained rows.
const STREAMS = [
  String.raw`parse @message /k=(?<k>\S+) n=(?<n>\S+)/ | filter ispresent(k)`,
  String.raw`parse @message /dsn=(?<dsn>\d\.\d\.\d)/ | parse @message /said: (?<reply>\d+)/ | fields concat(reply, "-", replace(coalesce(dsn, "none"), ".", "_")) as metric`,
  // A parse that does not match keeps what an earlier one set; a group that took no part sets null.
  String.raw`parse @message /k=(?<k>\S+)/ | parse @message /n=(?<k>\d+)(?<frac>\.\d+)?/ | fields k, frac`,
  // A date field is matched as it prints, a number as it prints.
  String.raw`parse @timestamp /(?<minute>\d\d):\d\d\.000$/ | fields strlen(@message) * 2 as len | parse len /^(?<first>\d)/ | fields minute, first`,
  `parse @message "k=* " as \`my "odd" field\\\` | fields \`my "odd" field\\\` as copy, copy as again | filter again != "v2"`,
  `fields @message as constructor, @message as __proto__ | parse __proto__ /(?<toString>k=\\w+)/ | display constructor, toString`,
  `parse @message "k=*" as k | filter k like /v/ | fields toupper(k) as big | filter isempty(big) = 0`,
  // Names that are no identifiers, read and set by the made code.
  `fields @message as ${BQ}in "put"\\${BQ} | parse ${BQ}in "put"\\${BQ} /k=(?<k>\\w+)/ | fields k as ${BQ}out"\\${BQ}`,
  // The empty message matches too.
  String.raw`parse @message /^(?<all>.*)$/ | fields strlen(all) as n`,
];

describe(fuseOps.name, () => {
  it.each(STREAMS)("gives the rows each command's closure gives: %s", (stream) => {
    const fused = rows(`${stream} | sort @timestamp desc`);
    expect(fused).toEqual(rows(`sort @timestamp desc | ${stream}`));
    expect((fused as unknown[]).length).toBeGreaterThan(0);
  });

  it("skips only the first filter when the caller says every event passes it", () => {
    const query = compileQuery(`filter @message like /k=/ | filter strlen(@message) < 30 | stats count(*) as n`);
    // Every event is pushed, so the skipped `like` filter lets lines through; the second filter still runs.
    for (let i = 0; i < 2; i++) {
      expect(rows(query, true)).toEqual([[{ field: "n", value: "3" }]]);
      expect(rows(query, false)).toEqual([[{ field: "n", value: "1" }]]);
    }
  });
});
