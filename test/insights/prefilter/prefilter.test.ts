// The prefilter's derivation: which literals a query yields, and that they are sound (an event the
// prefilter rejects never changes the output).
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { messagePassesPrefilter } from "../../../src/insights/prefilter/prefilter.js";
import { prng } from "../../support/prng.js";

const REPLY_QUERY = String.raw`parse @message /(?:said: |refused to talk to me: |status=sent \()(?<reply>[2-5]\d\d)(?:[- ]|$)/
| parse @message /dsn=(?<dsn>[245]\.\d{1,3}\.\d{1,3})/
| fields coalesce(dsn, reply) as code
| filter ispresent(reply) and ispresent(code)
| stats count(*) as value by reply, code, bin(5m)`;

describe("prefilter derivation", () => {
  it.each([
    [`filter @message like "status=sent"`, ["status=sent"], false],
    [String.raw`filter @message like /said: |refused to talk to me: /`, ["said: ", "refused to talk to me: "], false],
    [String.raw`filter @message like /\(in reply to/`, ["(in reply to"], false],
    [`filter @message =~ /(?i)error/`, ["error"], true],
    [`filter @message like /^(?i)error$/`, ["error"], true],
    [`filter @message like /x?yz/`, ["yz"], false],
    [String.raw`filter @message like /dsn=\d/`, ["dsn="], false],
    [`filter @message like /(?:abc)?def/`, ["def"], false],
    [`filter @message like /(ab|cd)+efg/`, ["efg"], false],
    [`filter @message like /(abc|def)+e/`, ["abc", "def"], false],
    [`filter @message like /ab{2}c/`, ["ab"], false],
    [String.raw`parse @message /dsn=(?<dsn>[\d.]+)/ | filter ispresent(dsn)`, ["dsn="], false],
    [`parse @message "status=* " as s | filter s = "sent"`, ["status="], false],
    [`parse @message "k=*" as k | parse @message "j=*" as k | filter ispresent(k)`, ["k=", "j="], false],
    [`parse @message "url=*" as url | parse url "/api/*" as v | filter ispresent(v)`, ["url="], false],
    [`filter @message like "a" or @message like "b"`, ["a", "b"], false],
    [`filter @message like "abc" and @message like "x"`, ["abc"], false],
    [`filter @message like "x" | filter @message like "abc"`, ["abc"], false],
    [`filter strcontains(@message, "foo")`, ["foo"], false],
    [`filter @message like "ab" or @message like /(?i)abc/`, ["ab"], true],
    [REPLY_QUERY, ["said: ", "refused to talk to me: ", "status=sent ("], false],
  ])("%s", (query, literals, ignoreCase) => {
    expect(compileQuery(query).prefilter).toEqual({ literals, ignoreCase });
  });

  it.each([
    `fields @message`,
    `filter @message like "a" or ispresent(x)`,
    `filter not @message like "a"`,
    `filter @message not like "a"`,
    `filter @message like ""`,
    `filter @message like /a|/`,
    `filter @message like /\\d+/`,
    `sort @timestamp desc | filter @message like "a"`,
    `limit 10 | filter @message like "a"`,
    `stats count(*) as n | filter n > 0`,
    `fields toupper(@message) as @message | filter @message like "A"`,
    `parse @message "k=*" as k | fields "x" as k | filter ispresent(k)`,
    `parse @message "k=*" as @logStream | filter ispresent(@logStream)`,
    `filter @logStream like "a"`,
  ])("gives none for %s", (query) => {
    expect(compileQuery(query).prefilter).toBeNull();
  });
});

/** A small deterministic PRNG, so the generated lines are the same on every run. */
const random = prng;

const FRAGMENTS = [
  "said: ",
  "refused to talk to me: ",
  "status=sent (",
  "status=bounced",
  "250 ",
  "550-5.7.26 ",
  "451 4.3.0",
  "dsn=2.0.0, ",
  "DSN=",
  "Error",
  "error",
  "ERROR",
  "k=",
  "j=",
  "url=/api/v1",
  " ",
  "a",
  "b",
  "c",
  "ab",
  "abc",
  "x",
  "foo",
  "é",
  "ß",
  "SS",
  "σ",
  "ς",
  "Σ",
  "\u212a",
  "k",
  "K",
  "(in reply to end of DATA command)",
  "-",
  "1",
  "2",
];

function lines(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    let line = "";
    const parts = Math.floor(next() * 8);
    for (let i = 0; i < parts; i++) line += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
    return line;
  });
}

function run(query: string, messages: readonly string[], usePrefilter: boolean) {
  const compiled = compileQuery(query);
  // As the file source does: only lines holding a literal are pushed, and the engine is told so.
  const execution = compiled.start({ prefiltered: usePrefilter });
  messages.forEach((message, i) => {
    if (usePrefilter && compiled.prefilter !== null && !messagePassesPrefilter(compiled.prefilter, message)) return;
    execution.push({ timestamp: 1_716_098_400_000 + i * 1000, message });
  });
  const { rows, recordsMatched } = execution.finish();
  return { rows, recordsMatched };
}

describe("prefilter soundness", () => {
  const corpus = lines(3000, 42);
  it.each([
    REPLY_QUERY,
    `filter @message like /(?i)error|dsn=/ | stats count(*) by bin(1m)`,
    String.raw`parse @message /(?<code>[245]\d\d) (?<sub>4\.3)/ | filter ispresent(code) | stats count(*) as n by code, sub`,
    `filter @message like "said: " | limit 5`,
    `filter @message like "said: " | fields @message | sort @message desc | limit 7`,
    `filter @message =~ /(?i)ss/ | stats count(*)`,
    `filter @message =~ /(?i)σ/ | stats count(*)`,
    `filter @message =~ /(?i)k=/ | stats count(*)`,
    `filter @message =~ /^(?i)ERROR/ | stats count(*)`,
    `parse @message "k=*" as k | parse @message "j=*" as k | filter ispresent(k) | stats count(*) by k`,
    `parse @message "url=*" as url | parse url "/api/*" as v | filter v = "v1" | stats count(*)`,
    `filter @message like "ab" or @message like /(?i)ABC/ | stats count(*)`,
    `filter strcontains(@message, "foo") and @message like /a(b|c)+/ | stats count(*)`,
    String.raw`filter @message like /\(in reply to end of DATA command\)/ | dedup @message`,
    String.raw`filter @message like /said: |refused to talk to me: |status=sent \(/ | stats count(*) by bin(5m)`,
    String.raw`filter @message like /said: 2|dsn=/ | stats count(*)`,
    String.raw`filter @message like /said: \d/ | stats count(*)`,
    String.raw`filter @message like /^a|b/ | stats count(*)`,
    `filter @message like /ab+c|x/ | stats count(*)`,
    `filter @message like "ab" and @message like "c" | stats count(*)`,
  ])("drops nothing that matters for %s", (query) => {
    const compiled = compileQuery(query);
    expect(compiled.prefilter).not.toBeNull();
    const rejected = corpus.filter((m) => !messagePassesPrefilter(compiled.prefilter!, m));
    expect(rejected.length).toBeGreaterThan(0);
    // Every rejected line on its own contributes nothing: it is filtered out before any sink.
    for (const message of rejected.slice(0, 200)) expect(run(query, [message], false).recordsMatched).toBe(0);
    expect(run(query, corpus, true)).toEqual(run(query, corpus, false));
  });
});

describe("a prefiltered execution", () => {
  /** Whether the first filter still runs when the caller says it pushes only prefiltered events. */
  function firstFilterRuns(query: string, message = "none of the literals"): boolean {
    const execution = compileQuery(`${query} | stats count(*) as n`).start({ prefiltered: true });
    // A message the filter rejects, which breaks the caller's promise on purpose: the only way to see whether the filter ran.
    execution.push({ timestamp: 0, message });
    return execution.finish().recordsMatched === 0;
  }

  it.each([
    String.raw`filter @message like /said: |refused to talk to me: |status=sent \(/`,
    `filter @message like "status=sent"`,
    String.raw`filter @message =~ /a\.b|c\/d/`,
    `filter @message like /abc|ab/`,
  ])("does not run %s again: the prefilter's literals are exactly what it looks for", (query) => {
    expect(firstFilterRuns(query)).toBe(false);
  });

  it.each([
    String.raw`filter @message like /said: \d/`,
    `filter @message like /^said/`,
    `filter @message like /sa.d/`,
    `filter @message like /(?i)said/`,
    `filter @message like "said" or @message like /x/`,
    `filter @message like "said" and strlen(@message) > 3`,
    `filter @message like "grüße"`,
    String.raw`filter @message like /tab\tx/`,
    `filter @message like /a|b/ | filter @message like "abc"`,
    `parse @message "said: *" as s | filter @message like "said: "`,
  ])("still runs %s", (query) => {
    expect(firstFilterRuns(query)).toBe(true);
  });

  it("still runs a negated filter, which has no prefilter", () => {
    expect(firstFilterRuns(`filter @message not like "said"`, "said")).toBe(true);
  });

  it("runs every filter when the caller does not say it prefiltered", () => {
    const execution = compileQuery(`filter @message like "said: " | stats count(*) as n`).start();
    execution.push({ timestamp: 0, message: "none of the literals" });
    expect(execution.finish().recordsMatched).toBe(0);
  });
});
