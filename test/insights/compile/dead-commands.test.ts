import { describe, expect, it } from "vitest";
import { groupedBy } from "../../../src/insights/analysis/event-fields.js";
import { deadCommands } from "../../../src/insights/compile/dead-commands.js";
import { parseQuery } from "../../../src/insights/syntax/parser.js";
import { shippedDefinition } from "../../queries/shipped-query.js";

/** The dead commands' text, in query order. */
const deadOf = (text: string) => {
  const { commands, source } = parseQuery(text);
  const textOf = (i: number) =>
    text
      .slice(commands[i]!.start, commands[i + 1]?.start ?? text.length)
      .replace(/\s*\|\s*$/, "")
      .trim();
  return [...deadCommands(source, commands)].sort((a, b) => a - b).map(textOf);
};

describe(deadCommands.name, () => {
  const reply = shippedDefinition("postfix-smtp-status").query;

  it("skips postfix-smtp-status's relayDomain work while no Provider dimension reads it", () => {
    expect(deadOf(reply)).toEqual([
      "parse @message /(?:relay=|host |server )(?<relayHost>[^\\s\\[,]+)\\[/",
      "parse relayHost /^(?:[^.]*\\.)*(?<relayDomain>[^.]+\\.[A-Za-z][^.]*)$/",
      'fields tolower(coalesce(relayDomain, relayHost, "none")) as relayDomain',
    ]);
  });

  it("runs it once the stats groups by relayDomain", () => {
    const grouped = groupedBy(reply, ["relayDomain"]);
    expect("text" in grouped && deadOf(grouped.text)).toEqual([]);
  });

  it("keeps a parse whose field a filter reads, an assignment a later one reads, and everything without a stats first", () => {
    expect(deadOf("parse @message /a=(?<a>\\d+)/ | parse @message /b=(?<b>\\d+)/ | filter a > 1 | stats count(*) as n by bin(5m)")).toEqual(
      ["parse @message /b=(?<b>\\d+)/"],
    );
    expect(deadOf("fields 1 as x | fields x + 1 as y | stats sum(y) as n by bin(5m)")).toEqual([]);
    expect(deadOf("fields 1 as x | fields 2 as x | stats sum(x) as n by bin(5m)")).toEqual(["fields 1 as x"]);
    expect(deadOf("parse @message /b=(?<b>\\d+)/ | sort @timestamp | stats count(*) as n by bin(5m)")).toEqual([]);
  });
});
