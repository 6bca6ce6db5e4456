// A config dimension may name a field the query assigns before its stats but does not output
// (`Relay: "{relay}"`): the query run then groups its stats by that field too
// (insights/analysis/event-fields.ts groupedBy), or the config says why it cannot.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { configErrorOf } from "./config-error-of.js";
import { tempTree } from "./temp-tree.js";

const CONFIG = `source: { type: files, paths: [mail.log] }
sink: { type: stdout }
state: { enabled: false }
queries:
  - file: q.yaml
`;

/** A query definition publishing count per status at binStart, from `query` (one command a line). */
const definition = (query: string, name = "{status}") => `name: own
query: |
  ${query.trim().split("\n").join("\n  ")}
metric: { name: "${name}", value: count, timestamp: binStart }
`;

function load(query: string, dimensions: string, name?: string) {
  const config = CONFIG.replace("- file: q.yaml", `- file: q.yaml\n    dimensions: ${dimensions}`);
  return loadConfig(join(tempTree({ "config.yaml": config, "q.yaml": definition(query, name) }), "config.yaml"), { env: {} });
}

const LINE =
  "Nov 29 00:39:40 mailout postfix/smtp[30870]: 4E1A1C0D2B: to=<a@example.org>, relay=MX.Example.org[192.0.2.7]:25, dsn=2.0.0, status=sent (250 ok)";

describe("a config dimension on a field assigned before the stats", () => {
  it("groups by fields a `fields` and a glob parse assign, several at once, a name that is not a bare word in backquotes", async () => {
    const query =
      String.raw`
filter @message like /status=/
| parse @message /status=(?<status>[a-z]+)/
| parse @message "relay=*[" as relayHost
| fields tolower(relayHost) as host, relayHost as ` +
      "`relay-host`" +
      String.raw`
| stats count(*) as count by status, bin(5m) as binStart`;
    const loaded = await load(query, "{ Host: '{host}', Written: '{relay-host}', Glob: '{relayHost}' }");
    const compiled = loaded.queries[0]!.compiled;
    expect(compiled.text).toContain("| stats count(*) as count by host, `relay-host`, relayHost, status, bin(5m) as binStart");
    const execution = compiled.start();
    execution.push({ timestamp: Date.UTC(2026, 10, 29, 0, 39, 40), message: LINE });
    const [row] = execution.finish().rows;
    expect(Object.fromEntries(row!.map((cell) => [cell.field, cell.value]))).toEqual({
      host: "mx.example.org",
      "relay-host": "MX.Example.org",
      relayHost: "MX.Example.org",
      status: "sent",
      binStart: "2026-11-29 00:35:00.000",
      count: "1",
    });
  });

  it.each([
    [
      "a field assigned only after the stats",
      "stats count(*) as count by bin(5m) as binStart\n| fields 'all' as scope\n| display count, binStart",
      '{ Scope: "{scope}" }',
      "lines",
      'field "scope" is not assigned before the query\'s stats',
    ],
    [
      "a query with two stats",
      String.raw`parse @message /status=(?<status>[a-z]+)/
| parse @message /relay=(?<relay>[^\[,]+)/
| stats count(*) as count by status, relay, bin(5m) as binStart
| stats sum(count) as count by status, binStart`,
      '{ Relay: "{relay}" }',
      "{status}",
      "the query has 2 stats commands, and only a single one can be grouped by it too",
    ],
    [
      "a query without stats",
      String.raw`display @timestamp, @message
| parse @message /relay=(?<relay>[^\[,]+)/`,
      '{ Relay: "{relay}" }',
      "lines",
      "the query has 0 stats commands, and only a single one can be grouped by it too",
    ],
    [
      "a stats without a by",
      String.raw`parse @message /relay=(?<relay>[^\[,]+)/
| stats count(*) as count`,
      '{ Relay: "{relay}" }',
      "lines",
      "its stats has no by to add it to",
    ],
  ])("says why it cannot group %s", async (_, query, dimensions, name, problem) => {
    const error = await configErrorOf(load(query, dimensions, name));
    const dimension = /\{ (\w+):/.exec(dimensions)![1];
    expect(error.issues).toContainEqual(
      expect.objectContaining({
        path: `queries[0].dimensions.${dimension}`,
        line: 6,
        message: expect.stringContaining(`, and ${problem}; a config dimension may name a field the query produces`),
      }),
    );
  });
});
