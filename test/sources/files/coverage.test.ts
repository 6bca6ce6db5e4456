// Where the configured files begin (files/coverage.ts): the earliest first stamped line of any of
// them, less the disorder margin; nothing for stdin, or where the first bytes hold no stamp.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { filesSource } from "../../../src/sources/files/source.js";
import { filesCoverage } from "../../../src/sources/files/coverage.js";
import { DISORDER_MARGIN_MS } from "../../../src/sources/files/seek-by-time.js";
import { tempDir } from "../../support/temp-dir.js";

const line = (stamp: string) => `${stamp} mx postfix/smtp[1]: 4F1A: to=<a@example.com>, status=sent (250 ok)\n`;
const settings = { zone: "UTC", year: () => ({ fixed: 2026 }) };

function logs(files: Record<string, string | Buffer>): string {
  const dir = tempDir("mm-coverage-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe(filesCoverage.name, () => {
  it("begins at the oldest rotation's first line, less the disorder margin, wherever it is listed", async () => {
    const dir = logs({
      "mail.log": line("Nov 29 13:57:38") + line("Nov 29 14:00:00"),
      "mail.log.1": line("Nov 28 06:25:01"),
      "mail.log.2.gz": gzipSync(line("Nov 27 06:25:02") + line("Nov 27 09:00:00")),
    });
    const coverage = await filesCoverage([join(dir, "mail.log"), join(dir, "mail.log*")], settings);
    expect(coverage?.from).toBe(Date.UTC(2026, 10, 27, 6, 25, 2) - DISORDER_MARGIN_MS);
    expect(coverage?.where).toContain(`2026-11-27T06:25:02Z, the first line of ${join(dir, "mail.log.2.gz")}`);
  });

  it("names the live log's first line and its rotations as the fix when only it is configured", async () => {
    const dir = logs({ "mail.log": line("Nov 29 13:57:38"), "mail.log.1": line("Nov 28 06:25:01") });
    const coverage = await filesCoverage([join(dir, "mail.log")], settings);
    expect(coverage?.from).toBe(Date.UTC(2026, 10, 29, 13, 57, 38) - DISORDER_MARGIN_MS);
    expect(coverage?.where).toContain(`the first line of ${join(dir, "mail.log")}`);
    expect(coverage?.fix).toContain(`${join(dir, "mail.log.1")} and ${join(dir, "mail.log.*.gz")}`);
  });

  it("covers nothing when every file is empty, and skips empty files beside others", async () => {
    const dir = logs({ "mail.log": "", "mail.log.1": line("Nov 28 06:25:01") });
    expect((await filesCoverage([join(dir, "mail.log")], settings))?.from).toBe(Number.POSITIVE_INFINITY);
    expect((await filesCoverage([join(dir, "mail.log")], settings))?.where).toContain("no line yet");
    expect((await filesCoverage([join(dir, "mail.log*")], settings))?.from).toBe(Date.UTC(2026, 10, 28, 6, 25, 1) - DISORDER_MARGIN_MS);
  });

  it("cannot tell for stdin, nor for a file whose first bytes hold no stamped line", async () => {
    const dir = logs({ "mail.log": line("Nov 29 13:57:38"), "odd.log": `${"no stamp here\n".repeat(2000)}${line("Nov 29 13:57:38")}` });
    expect(await filesCoverage(["-", join(dir, "mail.log")], settings)).toBeUndefined();
    expect(await filesCoverage([join(dir, "odd.log"), join(dir, "mail.log")], settings)).toBeUndefined();
  });

  it("is what the files source reports, with the configured year", async () => {
    const dir = logs({ "mail.log": line("Nov 29 13:57:38") });
    const source = filesSource({ paths: [join(dir, "mail.log")], timezone: "Europe/Berlin", year: 2025 });
    expect((await source.coverage!())?.from).toBe(Date.UTC(2025, 10, 29, 12, 57, 38) - DISORDER_MARGIN_MS);
    expect(await filesSource({ paths: ["-"], timezone: "UTC" }).coverage!()).toBeUndefined();
  });
});
