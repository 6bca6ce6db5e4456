// Tests of what another user can do to the state need root (to hand files to that user) and a real
// second user: `nobody`, reached with setpriv (util-linux). Elsewhere they skip, saying why; with
// CI=true a skip would hide a broken setup, so it is a failure instead (as for the real-Postfix tests).
import { spawnSync, type SpawnSyncOptions } from "node:child_process";

export interface SecondUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** `nobody` with its primary group; undefined where there is no such user. */
function findNobody(): SecondUser | undefined {
  const id = (flag: string) => spawnSync("id", [flag, "nobody"], { encoding: "utf8" });
  const uid = id("-u");
  const gid = id("-g");
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { name: "nobody", uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export const NOBODY = findNobody();

function skipReason(): string | null {
  if (process.getuid?.() !== 0) return "not root, so files cannot be given to another user";
  if (NOBODY === undefined) return "there is no user nobody";
  if (spawnSync("setpriv", [...dropTo(NOBODY), "true"]).status !== 0) return "setpriv cannot run a command as nobody";
  return null;
}

/** For `describe.skipIf(...)`: why tests as a second user cannot run here, or null; throws when CI=true and there is a reason. */
export function secondUserSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const reason = skipReason();
  if (reason !== null && env.CI === "true") throw new Error(`CI=true, so the tests as a second user must run, but: ${reason}`);
  return reason;
}

const dropTo = (user: SecondUser) => [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups"];

/** Runs `command` as `user` (setpriv), to its end. */
export function runAs(user: SecondUser, command: string, args: readonly string[], options: Omit<SpawnSyncOptions, "encoding"> = {}) {
  return spawnSync("setpriv", [...dropTo(user), command, ...args], { timeout: 30_000, ...options, encoding: "utf8" });
}
