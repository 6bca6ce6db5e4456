import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../src/errors.js";
import { defaultStatePath, readState, writeState } from "../../src/state/store.js";
import { sample } from "./sample-state.js";
import { tempDir } from "../support/temp-dir.js";

const temp = () => tempDir("mm-state-");
describe(writeState.name, () => {
  it("round-trips the state and writes it with mode 0600", () => {
    const path = join(temp(), "sub", "prod.json");
    writeState(path, sample);
    expect(readState(path)).toEqual(sample);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toContain('"2026-11-28T12:00:00.000Z"');
  });

  it("writes nothing through symlinks planted for the temporary file's name, or in the state's place", () => {
    const dir = temp();
    const precious = join(dir, "precious");
    writeFileSync(precious, "precious");
    // The names of the temporary file before they became unguessable: .<state>.<pid>.tmp.
    for (let pid = process.pid - 50; pid <= process.pid + 50; pid += 1) symlinkSync(precious, join(dir, `.s.json.${pid}.tmp`));
    symlinkSync(precious, join(dir, "s.json"));
    writeState(join(dir, "s.json"), sample);
    expect(readFileSync(precious, "utf8")).toBe("precious");
    expect(lstatSync(join(dir, "s.json")).isFile()).toBe(true);
    expect(readState(join(dir, "s.json"))).toEqual(sample);
  });

  it("leaves no temporary file behind", () => {
    const dir = temp();
    writeState(join(dir, "s.json"), sample);
    writeState(join(dir, "s.json"), sample);
    expect(readdirSync(dir)).toEqual(["s.json"]);
  });
});

describe(readState.name, () => {
  it("starts empty when there is no file yet", () => {
    expect(readState(join(temp(), "none.json"))).toEqual({ version: 2, series: {} });
  });

  it.each([
    ["truncated JSON", '{"version": 1, "ser'],
    ["a wrong shape", '{"version": 1, "series": {"x": {"query": 3}}}'],
    ["an unknown version", '{"version": 3, "series": {}}'],
    [
      "a version 2 series without what it owes",
      '{"version": 2, "series": {"x": {"query": "q", "identity": "i", "published": [], "plan": null, "uncertain": []}}}',
    ],
  ])("refuses %s with a message naming the file and saying it is not reset", (_what, text) => {
    const path = join(temp(), "bad.json");
    writeFileSync(path, text);
    expect(() => readState(path)).toThrow(RuntimeError);
    expect(() => readState(path)).toThrow(new RegExp(`${path}.*damaged.*not reset`, "s"));
  });
});

describe("a damaged state file", () => {
  it("is refused with the parser's reason and every way out, the JSON error kept as the cause", () => {
    const path = join(temp(), "bad.json");
    writeFileSync(path, '{"version": 2, "ser');
    const error = (() => {
      try {
        readState(path);
      } catch (caught) {
        return caught as RuntimeError;
      }
      throw new Error("expected readState to throw");
    })();
    expect(error.message).toMatch(
      new RegExp(
        `^state file ${path} is damaged: not valid JSON \\(.+\\)\\. It is not reset automatically, because that could publish windows twice\\. ` +
          "Restore it from a backup\\. Or move it aside: the next run then starts afresh as a first run does \\(at schedule\\.startAt, " +
          "else with the last due window, which may have been published already\\), and a backfill publishes again whatever it covers, " +
          "so backfill only a range you know was not published\\.$",
      ),
    );
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it("that cannot be read (a directory in its place) says so, naming state.path", () => {
    const path = join(temp(), "dir.json");
    mkdirSync(path);
    expect(() => readState(path)).toThrow(new RegExp(`^cannot read state file ${path} \\(state\\.path\\): `));
  });
});

describe("writing the state many times", () => {
  it("leaves no file descriptor open", () => {
    const path = join(temp(), "s.json");
    writeState(path, { version: 2, series: {} });
    const open = readdirSync("/proc/self/fd").length;
    for (let i = 0; i < 20; i += 1) writeState(path, { version: 2, series: {} });
    expect(readdirSync("/proc/self/fd").length).toBeLessThanOrEqual(open);
  });
});

describe("readState of a planted file", () => {
  it("does not follow a symlink in the state's place: an error naming the link and the fix", () => {
    const dir = temp();
    writeFileSync(join(dir, "other.json"), JSON.stringify({ version: 1, series: {} }));
    symlinkSync(join(dir, "other.json"), join(dir, "s.json"));
    expect(() => readState(join(dir, "s.json"))).toThrow(RuntimeError);
    expect(() => readState(join(dir, "s.json"))).toThrow(
      /is a symbolic link, which mail-metrics does not follow there.*\(ELOOP\); replace the link with the file itself/,
    );
  });
});

describe(defaultStatePath.name, () => {
  it("follows XDG_STATE_HOME and names the file after the config", () => {
    expect(defaultStatePath("/etc/mm/prod.yaml", { XDG_STATE_HOME: "/var/state" })).toBe("/var/state/mail-metrics/prod.json");
    expect(defaultStatePath("prod.yml", { HOME: "/home/u" })).toMatch(/\.local\/state\/mail-metrics\/prod\.json$/);
    expect(defaultStatePath("/etc/mm/mail.yml.yaml", { XDG_STATE_HOME: "/var/state" })).toBe("/var/state/mail-metrics/mail.yml.json");
    // A relative XDG_STATE_HOME is ignored, as the XDG spec says.
    expect(defaultStatePath("prod.yaml", { XDG_STATE_HOME: "state" })).toBe(
      join(homedir(), ".local", "state", "mail-metrics", "prod.json"),
    );
  });
});

describe("a state file that cannot be written", () => {
  it("under a file where its directory should be: names the state file and state.path, and the fix", () => {
    const path = join(temp(), "file", "s.json");
    writeFileSync(dirname(path), "");
    expect(() => writeState(path, sample)).toThrow(
      new RegExp(
        `^cannot write state file ${path} \\(state\\.path\\): mkdir .*\\(ENOTDIR\\); set state\\.path to a file in a directory this user can write$`,
      ),
    );
  });

  it("whose temporary file cannot be made (its name would be too long): the same message, the old state kept", () => {
    const dir = temp();
    const path = join(dir, `${"s".repeat(230)}.json`);
    writeFileSync(path, "old");
    expect(() => writeState(path, sample)).toThrow(
      new RegExp(`^cannot write state file ${path} \\(state\\.path\\): open .*\\(ENAMETOOLONG\\)`),
    );
    expect(readFileSync(path, "utf8")).toBe("old");
  });

  it("that cannot replace what is in its place (a directory): the same message, and no temporary file left", () => {
    const dir = temp();
    const path = join(dir, "s.json");
    mkdirSync(path);
    expect(() => writeState(path, sample)).toThrow(
      new RegExp(`^cannot write state file ${path} \\(state\\.path\\): rename .*\\(EISDIR\\)`),
    );
    expect(readdirSync(dir)).toEqual(["s.json"]);
  });
});
