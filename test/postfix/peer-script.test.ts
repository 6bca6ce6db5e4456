import { describe, expect, it } from "vitest";
import { dataReply, fillReply, findRule, rcptStep, recipientKey, type Rule } from "./peer-script.js";

const RULES: Rule[] = [
  { role: "first", data: [["451 4.3.0 later"]] },
  { role: "mx", key: "full", rcpt: [{ reply: ["452 4.2.2 full"] }, { reply: ["250 2.1.5 Ok"] }] },
  { key: "full", rcpt: [{ drop: true }] },
  { domain: "senders.test", data: [["250 2.0.0 thanks"]] },
];

describe(recipientKey.name, () => {
  it("is the local part up to the first dot", () => {
    expect(recipientKey("gmail-auth.17b@gmail.test")).toBe("gmail-auth");
    expect(recipientKey("s1@senders.test")).toBe("s1");
  });
});

describe(findRule.name, () => {
  it("takes the first rule that matches role, key and domain", () => {
    expect(findRule(RULES, "mx", "full.1@gmail.test")).toBe(RULES[1]);
    expect(findRule(RULES, "other", "full.1@gmail.test")).toBe(RULES[2]);
    expect(findRule(RULES, "first", "full.1@gmail.test")).toBe(RULES[0]);
    expect(findRule(RULES, "mx", "s1@senders.test")).toBe(RULES[3]);
    expect(findRule(RULES, "mx", "ok.1@gmail.test")).toBeUndefined();
  });
});

describe(rcptStep.name, () => {
  it("walks the steps attempt by attempt and repeats the last", () => {
    const rule = RULES[1];
    expect([0, 1, 5].map((attempt) => rcptStep(rule, attempt))).toEqual([
      { reply: ["452 4.2.2 full"] },
      { reply: ["250 2.1.5 Ok"] },
      { reply: ["250 2.1.5 Ok"] },
    ]);
    expect(rcptStep(undefined, 0)).toEqual({ reply: ["250 2.1.5 Ok"] });
  });
});

describe(dataReply.name, () => {
  it("defaults per protocol", () => {
    expect(dataReply(undefined, 0, "smtp")).toEqual(["250 2.0.0 Ok: queued as {id}"]);
    expect(dataReply(undefined, 0, "lmtp")).toEqual(["250 2.0.0 <{rcpt}> {id} Saved"]);
    expect(fillReply(dataReply(undefined, 0, "lmtp"), { rcpt: "b@l.test", id: "1A" })).toEqual(["250 2.0.0 <b@l.test> 1A Saved"]);
  });
});
