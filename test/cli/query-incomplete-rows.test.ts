// `mail-metrics query` in-process (the fast loop; test/cli/query-command.test.ts runs the built CLI):
// rows without a field the mapping reads give no datum, and stderr says how many, which field, and
// the filter that leaves them out where the nulls are the data's own.
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { query } from "../../src/cli/commands/query.js";
import { tempTree } from "../config/temp-tree.js";
import { keepPrinted, type Printed } from "../support/printed.js";

const OWN_QUERY = `name: own
query: |
  parse @message /status=(?<status>[a-z]+)/
  | stats count(*) as n by status, bin(5m) as t
metric:
  name: "delivery-{status}"
  value: n
  timestamp: t
`;
const LOG = [
  "Nov 29 12:06:00 mx1 postfix/smtp[7]: 4Xh1: to=<a@b.c>, relay=b.c[192.0.2.1]:25, dsn=2.0.0, status=sent (250 ok)",
  "Nov 29 12:07:00 mx1 postfix/qmgr[8]: 4Xh1: removed",
  "",
].join("\n");

let printed: Printed;
beforeEach(() => {
  printed = keepPrinted();
});
afterEach(() => vi.restoreAllMocks());

it("prints the complete rows' datums and says on stderr how to filter out the rows without status", async () => {
  const dir = tempTree({ "own.yaml": OWN_QUERY, "mail.log": LOG });
  expect(await query(join(dir, "own.yaml"), [join(dir, "mail.log")], { year: "2026", timezone: "UTC", output: "ndjson" })).toBe(0);
  expect(
    printed.stdout
      .join("")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown),
  ).toEqual([{ name: "delivery-sent", timestamp: "2026-11-29T12:05:00Z", value: 1, unit: "Count", dimensions: {} }]);
  expect(printed.stderr.join("")).toBe(
    "mail-metrics: own: 1 result row without status gave no datum; if those fields are null in the data, filter such rows out in " +
      "the query, e.g. | filter ispresent(status)\n",
  );
});
