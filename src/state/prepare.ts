// Before a command reads or writes the state: the directory made (when it writes) and, unless
// state.strictModes is false, checked to be out of other users' reach (state/safety.ts).
import { dirname } from "node:path";
import { checkStateSafety } from "./safety.js";
import { stateFileError } from "./file-error.js";
import { makeDirectory } from "../util/make-directory.js";
import type { CommandContext } from "../cli/command-context.js";

export function prepareState({ loaded, statePath, configArgument }: CommandContext, writes: boolean): void {
  const strict = loaded.config.state.strictModes;
  // Checked before mkdir too, so nothing is made under a directory another user controls.
  if (strict) checkStateSafety(statePath, configArgument);
  if (!writes) return;
  try {
    makeDirectory(dirname(statePath), 0o700);
  } catch (error) {
    throw stateFileError(statePath, "write", error);
  }
  if (strict) checkStateSafety(statePath, configArgument);
}
