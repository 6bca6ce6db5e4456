// The prefilter drops lines before the query sees them, so a wrong literal loses counts silently.
// These tests run a query twice over the same events: once as the file source does (only events
// whose @message passes the prefilter are pushed, and the engine is told so, which lets it skip a
// first filter the prefilter settles) and once over every event. The results must be the same.
// The random cases replay from their seed: a failure names the seed, the query and a line.
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { messagePassesPrefilter } from "../../../src/insights/prefilter/prefilter.js";
import type { LogEvent, Prefilter } from "../../../src/insights/types.js";
import { prng } from "../../support/prng.js";
import { linesFor, randomRegex, type Random } from "./random-regex.js";

function run(query: string, events: readonly LogEvent[], usePrefilter: boolean) {
  const compiled = compileQuery(query);
  const execution = compiled.start({ prefiltered: usePrefilter });
  for (const event of events) {
    if (usePrefilter && compiled.prefilter !== null && !messagePassesPrefilter(compiled.prefilter, event.message)) continue;
    execution.push(event);
  }
  const { rows, recordsMatched } = execution.finish();
  return { rows, recordsMatched };
}

const eventsOf = (messages: readonly string[]): LogEvent[] =>
  messages.map((message, i) => ({ timestamp: 1_716_098_400_000 + i * 1000, message }));

/** The first event the prefiltered run loses or gains, for the failure message. */
function difference(query: string, events: readonly LogEvent[]): string {
  const one = events.find((e) => run(query, [e], true).recordsMatched !== run(query, [e], false).recordsMatched);
  return one === undefined ? "(only together)" : JSON.stringify(one);
}

function expectSameResult(query: string, events: readonly LogEvent[], context = "") {
  const plain = run(query, events, false);
  const prefiltered = run(query, events, true);
  if (prefiltered.recordsMatched !== plain.recordsMatched || JSON.stringify(prefiltered.rows) !== JSON.stringify(plain.rows))
    expect.fail(
      `${context}${query}\nprefilter ${JSON.stringify(compileQuery(query).prefilter)}: ${prefiltered.recordsMatched} matched instead of ${plain.recordsMatched}, e.g. ${difference(query, events)}`,
    );
  return plain;
}

describe("a query gives the same result with the prefilter as over every line", () => {
  // Lines a regex matches that hold none of the literals a naive reading of it gives.
  it.each([
    [String.raw`filter @message like /\x41bc/`, "Abc"],
    [String.raw`filter @message like /status=\x73ent/`, "status=sent"],
    [String.raw`filter @message like /\u0041bc/`, "Abc"],
    [String.raw`filter @message like /\cJfoo/`, "\nfoo"],
    [String.raw`filter @message like /ab?c/`, "ac"],
    [String.raw`filter @message like /ab{0,3}c/`, "ac"],
    [String.raw`filter @message like /ab{1,3}c/`, "abbc"],
    [String.raw`filter @message like /ab{1,10}c/`, "abc"],
    [String.raw`filter @message like /ab{10}c/`, "abbbbbbbbbbc"],
    [String.raw`filter @message like /ab{12,}c/`, "abbbbbbbbbbbbc"],
    [String.raw`filter @message like /x(abc){0,2}d/`, "xd"],
    [String.raw`filter @message like /a{x}bcdef{1}/`, "a{x}bcdef"],
    [String.raw`filter @message like /a+?bcd/`, "abcd"],
    [String.raw`filter @message like /[\]x]abc/`, "]abc"],
    [String.raw`filter @message like /[\]x]yz/`, "xyz"],
    [String.raw`filter @message like /a\tb/`, "a\tb"],
    [String.raw`filter @message like /a\nb/`, "a\nb"],
    [String.raw`filter @message like /a\rb/`, "a\rb"],
    [String.raw`filter @message like /a\fb/`, "a\fb"],
    [String.raw`filter @message like /a\vb/`, "a\vb"],
    [`parse @message "*" as x | filter ispresent(x)`, "anything"],
    [`parse @message "k=*" as k | filter @message like "" or ispresent(k)`, "anything"],
    [`filter strcontains(@message, @message)`, "anything"],
  ])("%s keeps %j", (query, line) => {
    expect(expectSameResult(query, eventsOf([line])).recordsMatched).toBe(1);
    expectSameResult(query, eventsOf([line, "neither", "abc", "said: x"]));
  });

  // Fields an event brings along, and fields set otherwise than by a parse of @message: their
  // presence says nothing of @message.
  const event: LogEvent = {
    timestamp: 1_716_098_400_000,
    message: "no literal here",
    logStream: "k=1 foo",
    logGroup: "g",
    ingestionTime: 1_716_098_400_500,
  };
  it.each([
    `parse @message "k=*" as @timestamp | filter ispresent(@timestamp)`,
    `parse @message "k=*" as @message | filter ispresent(@message)`,
    `parse @message "k=*" as @logStream | filter ispresent(@logStream)`,
    `parse @message "k=*" as @log | filter ispresent(@log)`,
    `parse @message "k=*" as @ingestionTime | filter ispresent(@ingestionTime)`,
    `parse @message "k=*" as k | fields @logStream as k | filter ispresent(k)`,
    `parse @message "k=*" as k | fields @logStream as k | filter k like "k="`,
    `parse @message "k=*" as strlen | fields strlen(@message) as strlen | filter ispresent(strlen)`,
    `parse @message "k=*" as strlen | filter strlen(@message) > 3`,
    `parse @message "k=*" as concat | filter concat(@message, "x") like "x"`,
    `fields @logStream as x | filter strcontains(x, "foo")`,
    `filter strcontains(@logStream, "foo")`,
    `filter strcontains(@message, @logStream) or ispresent(@log)`,
  ])("%s keeps an event whose other fields pass", (query) => {
    expect(expectSameResult(query, [event]).recordsMatched).toBe(1);
  });

  // A first filter the prefilter settles is not run again: it must really hold for every line
  // the prefilter lets through.
  it.each([
    [`filter @message like "abc" | filter @message like /xyzw/`, "xyzw"],
    [`filter @message like /abc|xy/ | filter @message like /abc|qrst/`, "qrst"],
    [String.raw`filter @message like /x\dy/ | filter @message like "xdy"`, "xdy"],
    [`filter @message like /ab*c/ | filter @message like "ab*c"`, "ab*c"],
    [`filter @message like /^abc/ | filter @message like "^abc"`, "x^abc"],
  ])("%s counts no line the first filter refuses (%j)", (query, line) => {
    expect(expectSameResult(query, eventsOf([line])).recordsMatched).toBe(0);
  });

  it("runs a first filter on another field than @message", () => {
    const query = `filter @logStream like "k=" | filter @message like "k="`;
    const events = [
      { timestamp: 0, message: "k=1", logStream: "other" },
      { timestamp: 1, message: "k=2", logStream: "k=" },
    ];
    expect(expectSameResult(query, events).recordsMatched).toBe(1);
  });
});

describe("random regexes give the same result with the prefilter (seeded)", () => {
  const SEEDS = 400;

  /** The queries a regex is used in: a filter on @message, and a parse whose field is then required. */
  function queriesOf(source: string): string[] {
    return [
      `filter @message like /${source}/`,
      `parse @message /(?<found>${source})/ | filter ispresent(found) | stats count(*) as n by found`,
    ];
  }

  it(`for ${SEEDS} seeds`, () => {
    let compiled = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const next: Random = prng(seed);
      const regex = randomRegex(next);
      const events = eventsOf(linesFor(next, regex, 24));
      for (const query of queriesOf(regex.source)) {
        try {
          compileQuery(query);
        } catch {
          continue; // a regex the engine refuses (e.g. an unportable construct the generator wrote)
        }
        compiled++;
        expectSameResult(query, events, `seed ${seed}: `);
      }
    }
    expect(compiled).toBeGreaterThan(SEEDS * 1.5);
  });
});

describe("random queries of filters, parses and fields give the same result with the prefilter (seeded)", () => {
  const SEEDS = 600;
  const LITERALS = ["said: ", "status=sent", "k=", "j=", "abc", "ab", "xy", "qrst", "v1", "a.c"];
  const FIELDS = ["k", "j", "v", "x", "strlen", "@logStream", "@log", "@message", "@timestamp"];

  function literalMatch(next: Random): string {
    const a = pick(next, LITERALS);
    const b = pick(next, LITERALS);
    return pick(next, [
      `@message like "${a}"`,
      `@message like /${escapeRegex(a)}|${escapeRegex(b)}/`,
      `@message =~ /${escapeRegex(a)}/`,
      `@message like /(?i)${escapeRegex(a)}/`,
      `strcontains(@message, "${a}")`,
      `@message not like "${a}"`,
    ]);
  }

  function fieldTest(next: Random): string {
    const f = pick(next, FIELDS);
    return pick(next, [
      `ispresent(${f})`,
      f,
      `${f} = "v1"`,
      `${f} != "v1"`,
      `${f} < "m"`,
      `${f} > "a"`,
      `${f} <= "v1"`,
      `${f} >= "a"`,
      `${f} in ["v1", "sent"]`,
      `${f} not in ["v1"]`,
      `${f} like "1"`,
      `${f} not like "q"`,
      `strcontains(${f}, "1")`,
      `strlen(${f}) > 1`,
      `isempty(${f})`,
      `${f} + 1`,
    ]);
  }

  function predicate(next: Random, depth = 0): string {
    const roll = next();
    if (depth < 2 && roll < 0.2) return `${predicate(next, depth + 1)} and ${predicate(next, depth + 1)}`;
    if (depth < 2 && roll < 0.35) return `(${predicate(next, depth + 1)} or ${predicate(next, depth + 1)})`;
    if (depth < 2 && roll < 0.4) return `not (${predicate(next, depth + 1)})`;
    return roll < 0.7 ? literalMatch(next) : fieldTest(next);
  }

  function command(next: Random): string {
    const roll = next();
    if (roll < 0.45) return `filter ${predicate(next)}`;
    if (roll < 0.75)
      return pick(next, [
        `parse @message "k=* " as k`,
        `parse @message "j=*" as j`,
        `parse @message "*" as x`,
        `parse @message "status=*" as v`,
        String.raw`parse @message /k=(?<k>\w+)/`,
        String.raw`parse @message /(?i)J=(?<j>\w*)/`,
        `parse k "v*" as v`,
        `parse @message "k=*" as @logStream`,
        `parse @message "j=*" as @message`,
        `parse @message "said: *" as strlen`,
      ]);
    return pick(next, [
      "fields @message",
      "fields k",
      "fields @logStream as k",
      "fields strlen(@message) as strlen",
      "fields toupper(@message) as @message",
      "fields k as j, @message as x",
      `fields "v1" as v`,
      "fields @message as @message, j as k",
    ]);
  }

  function eventsFor(next: Random): LogEvent[] {
    const FRAGMENTS = [...LITERALS, "SAID: ", "K=", "v1 ", "sent", "1", " ", "q", "abc.c", "/api/v1"];
    return Array.from({ length: 30 }, (_, i) => {
      const message = Array.from({ length: Math.floor(next() * 5) }, () => pick(next, FRAGMENTS)).join("");
      return {
        timestamp: 1_716_098_400_000 + i * 1000,
        message,
        ...(next() < 0.4 && { logStream: pick(next, ["k=v1", "abc", "v1", "1"]) }),
        ...(next() < 0.3 && { logGroup: "g1" }),
        ...(next() < 0.3 && { ingestionTime: 1_716_098_400_000 + i * 1000 + 5 }),
      };
    });
  }

  it(`for ${SEEDS} seeds`, () => {
    let withPrefilter = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const next: Random = prng(seed);
      const commands = Array.from({ length: 1 + Math.floor(next() * 4) }, () => command(next));
      if (next() < 0.5) commands.unshift(`filter ${literalMatch(next)}`);
      const query = [...commands, ...(next() < 0.5 ? ["stats count(*) as n by k"] : [])].join(" | ");
      const events = eventsFor(next);
      let prefilter: Prefilter | null;
      try {
        prefilter = compileQuery(query).prefilter;
      } catch {
        continue; // e.g. a field the query reads as a date
      }
      if (prefilter !== null) withPrefilter++;
      expectSameResult(query, events, `seed ${seed}: `);
    }
    expect(withPrefilter).toBeGreaterThan(SEEDS / 3);
  });
});

function pick<T>(next: Random, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.|?*+()[\]{}/]/g, "\\$&");
}
