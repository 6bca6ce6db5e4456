// Real-Postfix tests skip with a reason where Postfix cannot run (not root, not installed). On CI
// (CI=true) that skip would hide a broken setup, so it becomes a failure instead.
import { postfixSkipReason } from "./postfix-control.js";

/** Returns `reason` (null = run the tests); throws when CI=true and there is a reason. */
export function skipOrFailInCi(reason: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  if (reason !== null && env.CI === "true") {
    throw new Error(`CI=true, so the real-Postfix tests must run, but: ${reason}`);
  }
  return reason;
}

/** For `describe.skipIf(...)`: why real-Postfix tests cannot run here, or null. */
export function postfixTestsSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  return skipOrFailInCi(postfixSkipReason(), env);
}
