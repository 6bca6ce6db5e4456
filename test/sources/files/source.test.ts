import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { RuntimeError } from "../../../src/errors.js";
import { filesSource } from "../../../src/sources/files/source.js";
import { tempTree } from "../../config/temp-tree.js";
import { tempDir } from "../../support/temp-dir.js";
import { recordingQuery } from "./recording-query.js";

const at = (mm: number) => Date.UTC(2026, 10, 28, 10, mm);
const LOG = ["01", "04", "05", "09", "10"].map((mm) => `Nov 28 10:${mm}:00 mx postfix/smtp[1]: event`).join("\n");

describe(filesSource.name, () => {
  const dir = tempTree({ "mail.log": LOG });
  const signal = new AbortController().signal;

  it("runs the query over the events of [from, to) and reports what it read", async () => {
    const query = recordingQuery();
    const seen: number[] = [];
    const source = filesSource({
      paths: [join(dir, "mail.log")],
      timezone: "UTC",
      year: 2026,
      onReadStats: (_, __, stats) => seen.push(stats.scanned),
    });
    const result = await source.query({ name: "q", compiled: query }, { from: at(4), to: at(10) }, signal);
    expect(query.events.map((event) => event.timestamp)).toEqual([at(4), at(5), at(9)]);
    expect(result).toMatchObject({ truncated: false, recordsScanned: 3 });
    expect(result.rows).toHaveLength(3);
    expect(result.bytesScanned).toBe(Buffer.byteLength(LOG));
    expect(seen).toEqual([3]);
  });

  it("says the result is truncated when it reaches the query limit", async () => {
    const source = filesSource({ paths: [join(dir, "mail.log")], timezone: "UTC", year: 2026 });
    const result = await source.query({ name: "q", compiled: recordingQuery(), queryLimit: 2 }, { from: at(0), to: at(60) }, signal);
    expect(result).toMatchObject({ truncated: true, rows: [expect.anything(), expect.anything()] });
  });

  it("names the config key that lists a file that is not there", async () => {
    const origin = "source.paths in /etc/mail-metrics/prod.yaml";
    for (const path of [join(dir, "maillgo"), join(dir, "mail.log.*.gz")]) {
      const source = filesSource({ paths: [path], timezone: "UTC", year: 2026, pathsOrigin: origin });
      const attempt = source.query({ name: "q", compiled: recordingQuery() }, { from: at(0), to: at(60) }, signal);
      await expect(attempt).rejects.toThrow(
        `${path}: no ${path.includes("*") ? "file matches this pattern" : "such file"} (${origin}: correct it there`,
      );
    }
  });

  it("fails the range when a file cannot be read completely", async () => {
    const lines = Array.from({ length: 3000 }, (_, index) => `Nov 28 10:01:00 mx ${randomBytes(24).toString("hex")} ${index}`);
    const whole = gzipSync(lines.join("\n"));
    const broken = tempTree({ "mail.log.1.gz": whole.subarray(0, whole.length / 2) });
    const source = filesSource({ paths: [join(broken, "mail.log.1.gz")], timezone: "UTC", year: 2026 });
    const attempt = source.query({ name: "q", compiled: recordingQuery() }, { from: at(0), to: at(60) }, signal);
    await expect(attempt).rejects.toThrow(RuntimeError);
    await expect(attempt).rejects.toThrow(/query q: cannot read every log file completely .*mail\.log\.1\.gz: gzip data ends early/);
  });

  it("reads gzip data on standard input from its spooled copy, once per range", async () => {
    // The spool is removed when the process exits, which a test worker may never do normally.
    vi.stubEnv("TMPDIR", tempDir());
    try {
      const source = filesSource({ paths: ["-"], timezone: "UTC", year: 2026, stdin: Readable.from([gzipSync(LOG)]) });
      for (const range of [
        { from: at(0), to: at(5) },
        { from: at(5), to: at(60) },
      ]) {
        const query = recordingQuery();
        await source.query({ name: "q", compiled: query }, range, signal);
        expect(query.events.every((event) => event.timestamp >= range.from && event.timestamp < range.to)).toBe(true);
        expect(query.events).toHaveLength(range.from === at(0) ? 2 : 3);
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("stops copying standard input that never ends when the signal aborts (Ctrl-C on a pipe)", async () => {
    const stdin = new PassThrough();
    stdin.write(`${LOG}\n`);
    const source = filesSource({ paths: ["-"], timezone: "UTC", year: 2026, stdin });
    const controller = new AbortController();
    const attempt = source.query({ name: "q", compiled: recordingQuery() }, { from: at(0), to: at(60) }, controller.signal);
    setTimeout(() => controller.abort(new Error("interrupted by SIGINT")), 50);
    await expect(attempt).rejects.toThrow(/interrupted by SIGINT|aborted/);
  });

  it("does not start after the signal aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const source = filesSource({ paths: [join(dir, "mail.log")], timezone: "UTC" });
    await expect(source.query({ name: "q", compiled: recordingQuery() }, { from: 0, to: 1 }, controller.signal)).rejects.toThrow();
  });
});
