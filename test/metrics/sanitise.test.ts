import { describe, expect, it } from "vitest";
import { NAME_MAX, VALUE_MAX, sanitise } from "../../src/metrics/sanitise.js";

describe(sanitise.name, () => {
  it("keeps printable ASCII as it is", () => {
    expect(sanitise("550-5_7_26", NAME_MAX)).toBe("550-5_7_26");
    expect(sanitise(" padded value ", VALUE_MAX)).toBe(" padded value ");
  });

  it("writes a non-ASCII domain as punycode", () => {
    expect(sanitise("bücher.example", VALUE_MAX)).toBe("xn--bcher-kva.example");
    expect(sanitise("mail.müller.de.", VALUE_MAX)).toBe("mail.xn--mller-kva.de.");
  });

  it("writes the domain of an address as punycode and percent-encodes its local part", () => {
    expect(sanitise("anna@bücher.example", VALUE_MAX)).toBe("anna@xn--bcher-kva.example");
    expect(sanitise("jörg@bücher.example", VALUE_MAX)).toBe("j%C3%B6rg@xn--bcher-kva.example");
  });

  it("keeps an ASCII domain as written, capitals too, beside a local part it encodes", () => {
    expect(sanitise("Mail.Example.COM", VALUE_MAX)).toBe("Mail.Example.COM");
    expect(sanitise("jörg@Mail.Example.COM", VALUE_MAX)).toBe("j%C3%B6rg@Mail.Example.COM");
  });

  it("reads a text with nothing before its @ as no address", () => {
    expect(sanitise("@bücher.example", VALUE_MAX)).toBe("@b%C3%BCcher.example");
  });

  // Postfix logs addresses in angle brackets (`to=<…>`); IDNA refuses `<` and `>` in a domain.
  it("percent-encodes a domain IDNA refuses rather than dropping it", () => {
    expect(sanitise("<jörg@bücher.example>", VALUE_MAX)).toBe("<j%C3%B6rg@b%C3%BCcher.example>");
    expect(sanitise("<bücher.example>", VALUE_MAX)).toBe("<b%C3%BCcher.example>");
  });

  // IDNA drops a byte-order mark (U+FEFF, left at the start of a file by some editors): as punycode
  // the value would publish as the domain without it.
  it("keeps a byte-order mark before or after a domain visible, so the value stays distinct", () => {
    expect(sanitise("\uFEFFbücher.example", VALUE_MAX)).toBe("%EF%BB%BFb%C3%BCcher.example");
    expect(sanitise("bücher.example\uFEFF", VALUE_MAX)).toBe("b%C3%BCcher.example%EF%BB%BF");
  });

  it("percent-encodes other non-ASCII text and control characters as UTF-8 bytes", () => {
    expect(sanitise("Grüße~", VALUE_MAX)).toBe("Gr%C3%BC%C3%9Fe~");
    expect(sanitise("Grüße aus Köln", VALUE_MAX)).toBe("Gr%C3%BC%C3%9Fe aus K%C3%B6ln");
    expect(sanitise("a\tb\u0000c\u007f", VALUE_MAX)).toBe("a%09b%00c%7F");
    expect(sanitise("🙂", VALUE_MAX)).toBe("%F0%9F%99%82");
  });

  it("cuts text to the limit", () => {
    expect(sanitise("x".repeat(300), NAME_MAX)).toHaveLength(255);
    expect(sanitise("y".repeat(2000), VALUE_MAX)).toHaveLength(1024);
  });

  it.each(["", " ", "   \u0020"])("cannot make %j valid", (text) => {
    expect(sanitise(text, VALUE_MAX)).toBeUndefined();
  });

  it("treats encoded control characters as visible, so a lone tab is valid", () => {
    expect(sanitise("\t", VALUE_MAX)).toBe("%09");
  });
});
