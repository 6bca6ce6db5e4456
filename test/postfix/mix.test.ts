import { describe, expect, it } from "vitest";
import { planMessages } from "./mix.js";
import { recipientKey } from "./peer-script.js";
import { RULES } from "./scenario.js";

describe(planMessages.name, () => {
  const plan = planMessages(7, 300);

  it("is deterministic for a seed, and differs between seeds", () => {
    expect(planMessages(7, 300)).toEqual(plan);
    expect(planMessages(8, 300)).not.toEqual(plan);
  });

  it("uses every scripted recipient key, the long replies in the deferrals mix (bench/maillog-deferrals)", () => {
    const keys = new Set([...plan, ...planMessages(7, 300, "deferrals")].flatMap((m) => m.to.map(recipientKey)));
    for (const rule of RULES) if (rule.key !== undefined) expect(keys, rule.key).toContain(rule.key);
  });

  it("the deferrals mix has more deferrals and bounces than the default", () => {
    const failing = (mix: string) =>
      planMessages(7, 300, mix)
        .flatMap((m) => m.to.map(recipientKey))
        .filter((key) => !["ok", "plain", "accepted", "box", "user"].includes(key)).length;
    expect(failing("deferrals")).toBeGreaterThan(1.5 * failing("default"));
  });

  it("gives connection-level failures exactly one recipient, which the model relies on", () => {
    for (const m of plan.filter((m) => ["greet421", "greet554", "silent", "drop"].includes(m.kind))) {
      expect(m.to, m.kind).toHaveLength(1);
    }
  });

  it("never reuses a recipient address, so attempts count per message", () => {
    const all = plan.flatMap((m) => m.to);
    expect(new Set(all).size).toBe(all.length);
  });

  it("refuses a count below the fixed share of rare shapes", () => {
    expect(() => planMessages(7, 10)).toThrow(/below the \d+ fixed messages/);
  });
});
