import { describe, expect, it } from "vitest";
import { skipOrFailInCi } from "./skip.js";

describe(skipOrFailInCi.name, () => {
  it("passes a skip reason through outside CI", () => {
    expect(skipOrFailInCi("not root", {})).toBe("not root");
    expect(skipOrFailInCi(null, { CI: "true" })).toBeNull();
  });

  it("turns a skip into a failure when CI=true", () => {
    expect(() => skipOrFailInCi("Postfix is not installed", { CI: "true" })).toThrow(/CI=true.*Postfix is not installed/);
  });
});
