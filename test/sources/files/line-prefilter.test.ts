import { describe, expect, it } from "vitest";
import { linePrefilter } from "../../../src/sources/files/line-prefilter.js";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe(linePrefilter.name, () => {
  it("accepts every line without a prefilter, or with an empty literal list", () => {
    expect(linePrefilter(null)(bytes("anything"))).toBe(true);
    expect(linePrefilter({ literals: [], ignoreCase: false })(bytes("anything"))).toBe(true);
  });

  it("accepts a line containing any literal, case-sensitively", () => {
    const accept = linePrefilter({ literals: ["said: ", "status=sent ("], ignoreCase: false });
    expect(accept(bytes("host x said: 550 5.7.1"))).toBe(true);
    expect(accept(bytes("dsn=2.0.0, status=sent (250 ok)"))).toBe(true);
    expect(accept(bytes("host x SAID: 550"))).toBe(false);
    expect(accept(bytes("connect to x: refused"))).toBe(false);
  });

  it("compares ASCII literals case-insensitively under (?i), also in lines with other bytes", () => {
    const accept = linePrefilter({ literals: ["Said: "], ignoreCase: true });
    expect(accept(bytes("Grüße — SAID: 550"))).toBe(true);
    expect(accept(Buffer.from([0xff, 0x73, 0x61, 0x69, 0x64, 0x3a, 0x20]))).toBe(true);
    expect(accept(bytes("sai d:"))).toBe(false);
  });

  it("matches UTF-8 literals on bytes", () => {
    expect(linePrefilter({ literals: ["Grüße"], ignoreCase: false })(bytes("x Grüße y"))).toBe(true);
  });

  it("gives up (accepts all) for non-ASCII literals under (?i)", () => {
    expect(linePrefilter({ literals: ["Grüße"], ignoreCase: true })(bytes("nothing alike"))).toBe(true);
  });
});
