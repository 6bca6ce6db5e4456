import { describe, expect, it } from "vitest";
import { enhancedCodeLength, loggedReply, loggedReplyCode, ownEnhancedCode, postfixDsn, replyCode } from "./reply.js";

describe(enhancedCodeLength.name, () => {
  it.each([
    ["5.7.26 text", 6],
    ["4.2.2", 5],
    ["2.0.0\tx", 5],
    ["5.123.123 x", 9],
    ["5.1234.1 x", 0], // subject over 3 digits
    ["5.7.1234", 0], // detail over 3 digits
    ["5.7.261x", 0], // must end at whitespace or end
    ["3.0.0 x", 0], // class must be 2, 4 or 5
    ["#5.1.0 x", 0],
    ["5.7 x", 0],
  ])("%s → %i", (text, length) => {
    expect(enhancedCodeLength(text)).toBe(length);
  });
});

describe(postfixDsn.name, () => {
  it.each<[string, string[], string]>([
    ["uses the reply's enhanced code", ["550 5.7.1 Access denied"], "5.7.1"],
    ["reads the last line of a multi-line reply", ["550-5.7.1 first", "550 5.7.26 last"], "5.7.26"],
    ["skips extra spaces before the code", ["550 5.7.26  https://example"], "5.7.26"],
    ["synthesises X.0.0 without a code", ["550 Requested action not taken"], "5.0.0"],
    ["synthesises X.0.0 for a code of another class", ["550 4.7.1 wrong class"], "5.0.0"],
    ["ignores a hash-prefixed code", ["550 #5.1.0 Address rejected."], "5.0.0"],
    ["synthesises 2.0.0 for a bare 250", ["250 OK id=1"], "2.0.0"],
    ["keeps a 2.x.x success code", ["250 2.6.0 Message accepted"], "2.6.0"],
  ])("%s", (_, lines, dsn) => {
    expect(postfixDsn(lines)).toBe(dsn);
  });
});

describe(ownEnhancedCode.name, () => {
  it("reads the code right after the first line's code", () => {
    expect(ownEnhancedCode(["451 4.3.0 Try later"])).toBe("4.3.0");
    expect(ownEnhancedCode(["452-4.2.2 full", "452 4.2.2 really"])).toBe("4.2.2");
  });

  it("finds none when the text has no code, or more than one space precedes it", () => {
    expect(ownEnhancedCode(["554-greet554 no service", "554 No SMTP service here"])).toBeNull();
    expect(ownEnhancedCode(["550  5.7.1 two spaces"])).toBeNull();
  });
});

describe(loggedReply.name, () => {
  it("joins the lines with spaces, as Postfix logs them", () => {
    expect(loggedReply(["550-5.7.26 a", "550 5.7.26 b"])).toBe("550-5.7.26 a 550 5.7.26 b");
    expect(loggedReplyCode(["554-x", "554 y"])).toBe("554");
    expect(replyCode(["554-x", "554 y"])).toBe(554);
  });
});
