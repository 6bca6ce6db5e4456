// What writeState does for the state to survive a power cut, seen at the system calls (spies that
// record each call and then make it): the new state's name is flushed to disk with its directory
// after the rename, and a directory that cannot be opened for that costs durability, never the write.
import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readState, writeState } from "../../src/state/store.js";
import { sample as state } from "./sample-state.js";
import { tempDir } from "../support/temp-dir.js";

vi.mock("node:fs", { spy: true });
const actual = await vi.importActual<typeof fs>("node:fs");

afterEach(() => {
  for (const call of [fs.openSync, fs.fsyncSync, fs.closeSync, fs.renameSync]) vi.mocked(call).mockReset();
});

describe(writeState.name, () => {
  it("flushes the state's directory after the rename, so a power cut cannot lose the new state's name", () => {
    const dir = tempDir("mm-state-");
    const path = join(dir, "prod.json");
    const calls: string[] = [];
    const directoryFds = new Set<number>();
    vi.mocked(fs.renameSync).mockImplementation((from, to) => {
      calls.push(`rename to ${String(to)}`);
      actual.renameSync(from, to);
    });
    vi.mocked(fs.openSync).mockImplementation((file, flags, mode) => {
      const fd = actual.openSync(file, flags, mode);
      if (file === dir) directoryFds.add(fd);
      return fd;
    });
    vi.mocked(fs.fsyncSync).mockImplementation((fd) => {
      if (directoryFds.has(fd)) calls.push("fsync of the directory");
      actual.fsyncSync(fd);
    });
    vi.mocked(fs.closeSync).mockImplementation((fd) => {
      if (directoryFds.delete(fd)) calls.push("close of the directory");
      actual.closeSync(fd);
    });
    writeState(path, state);
    expect(calls).toEqual([`rename to ${path}`, "fsync of the directory", "close of the directory"]);
    expect(readState(path)).toEqual(state);
  });

  it("writes the state where its directory cannot be opened to flush it (mode 0300: write, no read)", () => {
    const dir = tempDir("mm-state-");
    const path = join(dir, "prod.json");
    vi.mocked(fs.openSync).mockImplementation((file, flags, mode) => {
      if (file === dir)
        throw Object.assign(new Error(`EACCES: permission denied, open '${dir}'`), { code: "EACCES", syscall: "open", path: dir });
      return actual.openSync(file, flags, mode);
    });
    writeState(path, state);
    expect(readState(path)).toEqual(state);
  });
});
