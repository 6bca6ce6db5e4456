import { describe, expect, it } from "vitest";
import { createTimestampParser } from "../../../src/sources/files/timestamps.js";

const utc = createTimestampParser({ zone: "UTC", year: { fixed: 2026 } });

describe(createTimestampParser.name, () => {
  it.each([
    ["2025-04-09T08:25:46.538825+00:00 host postfix/smtp[1]: x", Date.UTC(2025, 3, 9, 8, 25, 46, 538)],
    ["2025-04-09T08:25:46Z host", Date.UTC(2025, 3, 9, 8, 25, 46)],
    ["2026-09-06T05:59:31.616471+02:00 host", Date.UTC(2026, 8, 6, 3, 59, 31, 616)],
    ["2026-11-28T23:47:42+0100 mailout postfix/smtp[8876]: x", Date.UTC(2026, 10, 28, 22, 47, 42)],
    ["2026-11-28T23:47:42.123456+0100 mailout", Date.UTC(2026, 10, 28, 22, 47, 42, 123)],
    ["2026-11-28T23:47:42-05:30 x", Date.UTC(2026, 10, 29, 5, 17, 42)],
    ["2026-11-28T23:47:42.9Z", Date.UTC(2026, 10, 28, 23, 47, 42, 900)],
    ["2026-11-29T00:00:00+23:59 x", Date.UTC(2026, 10, 28, 0, 1)],
    ["2026-11-29T00:00:00-2359 x", Date.UTC(2026, 10, 29, 23, 59)],
  ])("reads RFC 3339 / journalctl iso %s", (line, ms) => {
    expect(utc(line)).toBe(ms);
  });

  it.each([
    ["Feb  5 04:54:08 host postfix/smtp[1]: x", Date.UTC(2026, 1, 5, 4, 54, 8)],
    ["Feb 05 04:54:08 host postfix/smtp[1]: x", Date.UTC(2026, 1, 5, 4, 54, 8)],
    ["Jan 1 00:00:00 hostname postfix/smtp[12345]: x", Date.UTC(2026, 0, 1)],
    ["Dec 31 23:59:59 h x", Date.UTC(2026, 11, 31, 23, 59, 59)],
    ["Nov 28 23:47:42.123456 mailout x", Date.UTC(2026, 10, 28, 23, 47, 42, 123)],
  ])("reads classic syslog %s with the configured year", (line, ms) => {
    expect(utc(line)).toBe(ms);
  });

  it("reads syslog times in the configured zone", () => {
    const berlin = createTimestampParser({ zone: "Europe/Berlin", year: { fixed: 2026 } });
    expect(berlin("Nov 28 23:47:42 mailout x")).toBe(Date.UTC(2026, 10, 28, 22, 47, 42));
    expect(berlin("Jul 28 23:47:42 mailout x")).toBe(Date.UTC(2026, 6, 28, 21, 47, 42));
    // An explicit offset wins over the zone.
    expect(berlin("2026-11-28T23:47:42Z x")).toBe(Date.UTC(2026, 10, 28, 23, 47, 42));
  });

  it.each([
    "7EE668039: to=<admin@example.com>, relay=local",
    "postfix/smtp[19058]: 4E9B6DACA3: to=<x>",
    "Απρ 15 12:20:28 mx2 postfix/submission/smtpd[6833]: x",
    "feb  5 04:54:08 lower-case month",
    "Feb 30 04:54:08 no such day",
    "Feb  5 25:54:08 no such hour",
    "2026-13-01T00:00:00Z no such month",
    "2026-11-28 23:47:42 no T and no zone",
    "2026-11-28T23:47:42 no zone",
    // RFC 3339 §5.6: an offset's hours are 00-23 and its minutes 00-59.
    "2026-11-29T00:00:00+25:00 offset hour out of range",
    "2026-11-29T00:00:00+24:00 offset hour out of range",
    "2026-11-29T00:00:00-24:00 offset hour out of range",
    "2026-11-29T00:00:00+2500 short-iso offset hour out of range",
    "2026-11-29T00:00:00+25 offset hour out of range, no minutes",
    "2026-11-29T00:00:00+01:60 offset minutes out of range",
    "2026-11-29T00:00:00-0199 short-iso offset minutes out of range",
    "Feb  5 04:54:08x",
    "",
  ])("finds no timestamp in %j", (line) => {
    expect(utc(line)).toBeUndefined();
  });

  it("reads consecutive lines with the same or a longer timestamp correctly", () => {
    const parse = createTimestampParser({ zone: "UTC", year: { fixed: 2026 } });
    expect(parse("Nov 28 10:01:10 a")).toBe(Date.UTC(2026, 10, 28, 10, 1, 10));
    expect(parse("Nov 28 10:01:10 b")).toBe(Date.UTC(2026, 10, 28, 10, 1, 10));
    expect(parse("Nov 28 10:01:10.250 c")).toBe(Date.UTC(2026, 10, 28, 10, 1, 10, 250));
    expect(parse("Nov 28 10:01:100 d")).toBeUndefined();
    expect(parse("Nov 28 10:01:10")).toBe(Date.UTC(2026, 10, 28, 10, 1, 10));
  });

  describe("year inference (no --year)", () => {
    const modified = Date.UTC(2027, 0, 2, 6, 0); // the file was last written on 2 January 2027
    const inferred = createTimestampParser({ zone: "UTC", year: { reference: modified + 86_400_000 } });

    it("puts a December line in a file modified in January in the previous year", () => {
      expect(inferred("Dec 31 23:59:59 h x")).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
    });

    it("puts a January line in the year of the modification", () => {
      expect(inferred("Jan  2 05:00:00 h x")).toBe(Date.UTC(2027, 0, 2, 5));
    });

    it("allows up to one day after the modification time (clock skew, late flush)", () => {
      expect(inferred("Jan  3 05:00:00 h x")).toBe(Date.UTC(2027, 0, 3, 5));
      expect(inferred("Jan  4 05:00:00 h x")).toBe(Date.UTC(2026, 0, 4, 5));
    });

    it("puts Feb 29 in the latest leap year not after the reference", () => {
      expect(inferred("Feb 29 12:00:00 h x")).toBe(Date.UTC(2024, 1, 29, 12));
    });

    it("rejects Feb 29 when the fixed year has none", () => {
      expect(utc("Feb 29 12:00:00 h x")).toBeUndefined();
    });
  });
});
