// The state's directory made by someone else between the check and our mkdir: makeDirectory accepts
// a directory that appeared meanwhile, so the check after it is what refuses a place made unsafe in
// that moment. A spy on makeDirectory plays the other process at that very step.
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { prepareState } from "../../src/state/safety.js";
import * as directories from "../../src/util/make-directory.js";
import { tempDir } from "../support/temp-dir.js";

vi.mock("../../src/util/make-directory.js", { spy: true });
const actual = await vi.importActual<typeof directories>("../../src/util/make-directory.js");

describe("prepareState, when the state's directory appears while it is being made", () => {
  it("refuses it if it was made writable by others, naming it and the fix", () => {
    const path = join(tempDir("mm-prepare-"), "state", "prod.json");
    vi.mocked(directories.makeDirectory).mockImplementationOnce((directory, mode) => {
      mkdirSync(directory); // another process, just before us
      chmodSync(directory, 0o775);
      actual.makeDirectory(directory, mode);
    });
    let error: unknown;
    try {
      prepareState(path, { strictModes: true }, "prod.yaml", true);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      new RegExp(
        `^prod\\.yaml: state\\.path: the state's directory ${dirname(path)} \\(owner .*, mode 0775\\) is writable by its group, .*; run: chmod go-w ${dirname(path)}`,
      ),
    );
    expect(existsSync(path)).toBe(false);
  });
});
