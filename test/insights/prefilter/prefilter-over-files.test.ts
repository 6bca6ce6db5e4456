// The file source applies the prefilter to a line's bytes before decoding it (line-prefilter.ts,
// needle-search.ts), and the engine to the decoded line: where the two differ, a literal the
// bytes cannot show must not drop or settle anything.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { runQueryOverFiles } from "../../../src/sources/files/run-query-over-files.js";
import { tempTree } from "../../config/temp-tree.js";

const UTC = { timezone: "UTC", year: 2026 } as const;
const line = (text: string) => Buffer.from(`Nov 28 10:01:00 mx postfix/smtp[1]: ${text}`);
const file = (...lines: Buffer[]) => Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")]));

async function matchedOverFile(query: string, content: Buffer): Promise<number> {
  const dir = tempTree({ "mail.log": content });
  const { stats } = await runQueryOverFiles(compileQuery(query), [join(dir, "mail.log")], UTC);
  return stats.matched;
}

describe("the prefilter over a file's bytes", () => {
  // A line of invalid UTF-8 is read with U+FFFD in place of its bad bytes, which a search of the
  // bytes for U+FFFD's encoding does not find.
  const invalid = Buffer.concat([line("bad byte "), Buffer.from([0xff])]);

  it.each([
    [`filter @message like "\uFFFD"`, 1],
    [`filter @message like /\uFFFD|said: /`, 2],
    [`filter @message like "said: " or @message like "\uFFFD"`, 2],
    [`parse @message "\uFFFD*" as b | filter ispresent(b)`, 1],
  ])("%s counts the lines of invalid UTF-8 it matches once decoded", async (query, matched) => {
    expect(await matchedOverFile(query, file(invalid, line("said: ok"), line("other")))).toBe(matched);
  });

  it("runs a first filter whose literal is no printable ASCII, though the prefilter has it", async () => {
    // A lone surrogate (a YAML "\ud800") is written to bytes as U+FFFD's encoding, so a line holding
    // U+FFFD passes the byte search though the regex never matches it.
    expect(await matchedOverFile(`filter @message like /said: |\uD800/`, file(line("x \uFFFD y"), line("other")))).toBe(0);
  });
});
