import { utimesSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../../src/errors.js";
import { runQueryOverFiles } from "../../../src/sources/files/run-query-over-files.js";
import { tempTree } from "../../config/temp-tree.js";
import { recordingQuery } from "./recording-query.js";

const UTC = { timezone: "UTC", year: 2026 } as const;
const at = (mm: number, ss = 0) => Date.UTC(2026, 10, 28, 10, mm, ss);
const line = (mm: number, text: string) => `Nov 28 10:${String(mm).padStart(2, "0")}:00 mx postfix/smtp[1]: ${text}`;

describe(runQueryOverFiles.name, () => {
  it("reads rotated plain and gzip files oldest first, as events with the file's base name", async () => {
    const dir = tempTree({
      "mail.log": `${line(3, "c")}\n`,
      "mail.log.1": `${line(2, "b")}\n`,
      "mail.log.2.gz": gzipSync(`${line(1, "a")}\n`),
    });
    const query = recordingQuery();
    const { rows, stats } = await runQueryOverFiles(query, [join(dir, "mail.log*")], UTC);
    expect(query.events.map((event) => [event.timestamp, event.logStream])).toEqual([
      [at(1), "mail.log.2.gz"],
      [at(2), "mail.log.1"],
      [at(3), "mail.log"],
    ]);
    expect(query.events[0]!.message).toBe(line(1, "a"));
    expect(rows).toHaveLength(3);
    expect(stats).toMatchObject({ lines: 3, matched: 3, scanned: 3, firstEventTime: at(1), lastEventTime: at(3), failedFiles: 0 });
    expect(stats.files.map((file) => file.file.split("/").pop())).toEqual(["mail.log.2.gz", "mail.log.1", "mail.log"]);
  });

  it("fails with the path of a missing file or an unmatched glob", async () => {
    await expect(runQueryOverFiles(recordingQuery(), ["/nonexistent/mail.log"], UTC)).rejects.toThrow(
      new RuntimeError("cannot read /nonexistent/mail.log: no such file"),
    );
    await expect(runQueryOverFiles(recordingQuery(), ["/nonexistent/mail.log*"], UTC)).rejects.toThrow(/no file matches this pattern/);
  });

  it("counts lines without a timestamp per file instead of dropping them silently", async () => {
    const dir = tempTree({ "a.log": `${line(1, "ok")}\nno timestamp here\n\n`, "b.log": "7EE668039: to=<x>\n" });
    const { stats } = await runQueryOverFiles(recordingQuery(), [join(dir, "a.log"), join(dir, "b.log")], UTC);
    expect(stats.files.map((file) => [file.file.split("/").pop(), file.noTimestamp])).toEqual([
      ["a.log", 2],
      ["b.log", 1],
    ]);
    expect(stats.skipped.noTimestamp).toBe(3);
  });

  it("keeps the lines before a truncated gzip, drops the broken last one, and reports the file", async () => {
    const lines = Array.from({ length: 4000 }, (_, index) => line(index % 60, `${index} ${randomBytes(24).toString("hex")}`));
    const whole = gzipSync(`${lines.join("\n")}\n`);
    const dir = tempTree({ "mail.log.1.gz": whole.subarray(0, Math.floor(whole.length / 2)) });
    const query = recordingQuery();
    const { stats } = await runQueryOverFiles(query, [join(dir, "mail.log.1.gz")], UTC);
    const read = query.events.map((event) => event.message);
    expect(read.length).toBeGreaterThan(1000);
    expect(read.length).toBeLessThan(lines.length);
    expect(read).toEqual(lines.slice(0, read.length));
    expect(stats.failedFiles).toBe(1);
    expect(stats.files[0]!.error).toMatch(/gzip data ends early or is corrupt .*its incomplete last line was dropped/);
  });

  it("reads binary garbage without failing: invalid UTF-8 is counted and decoded, NUL survives", async () => {
    const garbage = Buffer.concat([
      Buffer.from(`${line(1, "bad ")}`),
      Buffer.from([0xc3, 0x28, 0x00, 0xff]),
      Buffer.from("\n"),
      Buffer.from([0x00, 0x01, 0xfe, 0x0a]),
    ]);
    const dir = tempTree({ "mail.log": garbage });
    const query = recordingQuery();
    const { stats } = await runQueryOverFiles(query, [join(dir, "mail.log")], UTC);
    expect(query.events).toHaveLength(1);
    expect(query.events[0]!.message).toContain("\u0000");
    expect(query.events[0]!.message).toContain("\ufffd");
    expect(stats.skipped).toMatchObject({ invalidUtf8: 2, noTimestamp: 1 });
  });

  it("skips and counts over-long lines", async () => {
    const dir = tempTree({ "mail.log": `${line(1, "x".repeat(200))}\n${line(2, "ok")}\n` });
    const query = recordingQuery();
    const { stats } = await runQueryOverFiles(query, [join(dir, "mail.log")], { ...UTC, maxLineBytes: 100 });
    expect(query.events.map((event) => event.timestamp)).toEqual([at(2)]);
    expect(stats.skipped.tooLong).toBe(1);
  });

  it("skips lines the prefilter rules out before parsing them, but still knows the time span", async () => {
    const dir = tempTree({
      "mail.log": [line(0, "connect to x"), line(1, "said: 550"), line(2, "said: 451"), line(9, "connect to y")].join("\n"),
    });
    const query = recordingQuery({ literals: ["said: "], ignoreCase: false });
    const { stats } = await runQueryOverFiles(query, [join(dir, "mail.log")], UTC);
    expect(query.events.map((event) => event.timestamp)).toEqual([at(1), at(2)]);
    expect(stats.skipped.prefiltered).toBe(2);
    expect([stats.firstEventTime, stats.lastEventTime]).toEqual([at(0), at(9)]);
  });

  it("keeps events in [from, to) only", async () => {
    const dir = tempTree({ "mail.log": [0, 4, 5, 9, 10, 11].map((mm) => line(mm, "x")).join("\n") });
    const query = recordingQuery();
    const { stats } = await runQueryOverFiles(query, [join(dir, "mail.log")], { ...UTC, from: at(5), to: at(10) });
    expect(query.events.map((event) => event.timestamp)).toEqual([at(5), at(9)]);
    expect(stats.skipped.outOfRange).toBe(4);
    expect([stats.firstEventTime, stats.lastEventTime]).toEqual([at(5), at(9)]);
  });

  it("reads standard input for -, with the year inferred from now", async () => {
    const query = recordingQuery();
    const stdin = Readable.from([Buffer.from("Dec 31 23:00:00 h x\r\nJan  1 01:00:00 h y\r\n")]);
    await runQueryOverFiles(query, ["-"], { timezone: "UTC", stdin, now: () => Date.UTC(2027, 0, 1, 2) });
    expect(query.events.map((event) => [event.timestamp, event.logStream])).toEqual([
      [Date.UTC(2026, 11, 31, 23), "stdin"],
      [Date.UTC(2027, 0, 1, 1), "stdin"],
    ]);
  });

  it("reads gzip data by its magic number, whatever the file is called", async () => {
    const dir = tempTree({ "mail.log.2": gzipSync(`${line(1, "a")}\n`), "mail.log.1": `${line(2, "b")}\n` });
    const query = recordingQuery();
    const { stats } = await runQueryOverFiles(query, [join(dir, "mail.log*")], UTC);
    expect(query.events.map((event) => [event.message, event.logStream])).toEqual([
      [line(1, "a"), "mail.log.2"],
      [line(2, "b"), "mail.log.1"],
    ]);
    expect(stats.skipped.noTimestamp).toBe(0);
  });

  it("reads gzip data on standard input, even when the magic number is split across chunks", async () => {
    const gz = gzipSync(`${line(1, "a")}\n${line(2, "b")}\n`);
    for (const chunks of [[gz], [gz.subarray(0, 1), gz.subarray(1)]]) {
      const query = recordingQuery();
      await runQueryOverFiles(query, ["-"], { ...UTC, stdin: Readable.from(chunks) });
      expect(query.events.map((event) => event.message)).toEqual([line(1, "a"), line(2, "b")]);
    }
  });

  it("reads a one-byte plain standard input and an empty one", async () => {
    for (const text of ["x", ""]) {
      const { stats } = await runQueryOverFiles(recordingQuery(), ["-"], {
        ...UTC,
        stdin: Readable.from(text === "" ? [] : [Buffer.from(text)]),
      });
      expect(stats.lines).toBe(text === "" ? 0 : 1);
    }
  });

  it("infers the year of syslog lines from the file's modification time", async () => {
    const dir = tempTree({ "mail.log": "Dec 31 23:00:00 h x\nJan  2 01:00:00 h y\n" });
    const path = join(dir, "mail.log");
    utimesSync(path, new Date(Date.UTC(2027, 0, 2, 6)), new Date(Date.UTC(2027, 0, 2, 6)));
    const query = recordingQuery();
    await runQueryOverFiles(query, [path], { timezone: "UTC" });
    expect(query.events.map((event) => event.timestamp)).toEqual([Date.UTC(2026, 11, 31, 23), Date.UTC(2027, 0, 2, 1)]);
  });

  it("names each file once even when patterns overlap", async () => {
    const dir = tempTree({ "mail.log": `${line(1, "a")}\n` });
    writeFileSync(join(dir, "other.txt"), "");
    const { stats } = await runQueryOverFiles(recordingQuery(), [join(dir, "mail.log"), join(dir, "*.log")], UTC);
    expect(stats.files).toHaveLength(1);
  });
});
