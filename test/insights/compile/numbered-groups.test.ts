import { describe, expect, it } from "vitest";
import { numberedGroups } from "../../../src/insights/compile/numbered-groups.js";

/** What each named group captured, read by number from the plain regex. */
function captures(body: string, text: string, flags = ""): Record<string, string | undefined> | null {
  const numbered = numberedGroups(body, flags);
  if (numbered === null) return null;
  const m = numbered.regex.exec(text);
  expect(numbered.regex.source).not.toContain("?<");
  return m === null ? {} : Object.fromEntries([...numbered.index].map(([name, i]) => [name, m[i]]));
}

/** The same, read by name from the original regex. */
function named(body: string, text: string, flags = ""): Record<string, string | undefined> {
  const m = new RegExp(body, flags).exec(text);
  return m === null ? {} : { ...m.groups };
}

describe(numberedGroups.name, () => {
  it.each([
    ["(?<reply>[2-5]\\d\\d)(?<after>[- ].*|$)", "said: 550 5.7.1 no"],
    ["(a)(?<x>b)(?:c)(?=d)(?!e)(?<y>d)", "abcd"],
    ["[(](?<inside>[^)]*)\\)(?<rest>.*)", "x (250 ok) queued"],
    ["[x(](?<after>y)(?<last>z)", "(yz"],
    ["\\((?<esc>\\d+)|(?<other>z)", "z"],
    ["(?<a>x)?(?<b>y)", "y"],
    ["(?<word>said)", "SAID", "i"],
  ])("reads the same captures by number as by name: /%s/ on %j", (body, text, flags = "") => {
    expect(captures(body, text, flags)).toEqual(named(body, text, flags));
  });

  it("keeps the named form for named backreferences and group names it does not read", () => {
    expect(numberedGroups("(?<q>['\"]).*\\k<q>", "")).toBeNull();
    expect(numberedGroups("(?<\\u0061b>x)", "")).toBeNull();
  });
});
