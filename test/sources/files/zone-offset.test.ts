import { describe, expect, it } from "vitest";
import { isTimeZone, localToUtc, offsetAt } from "../../../src/sources/files/zone-offset.js";

const HOUR = 3_600_000;

describe(isTimeZone.name, () => {
  it("knows IANA zones and rejects others", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Berln")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe(offsetAt.name, () => {
  it("gives winter and summer offsets", () => {
    expect(offsetAt("Europe/Berlin", Date.UTC(2026, 0, 15, 12))).toBe(HOUR);
    expect(offsetAt("Europe/Berlin", Date.UTC(2026, 6, 15, 12))).toBe(2 * HOUR);
    expect(offsetAt("America/New_York", Date.UTC(2026, 0, 15, 12))).toBe(-5 * HOUR);
    expect(offsetAt("Asia/Kolkata", Date.UTC(2026, 0, 15, 12))).toBe(5.5 * HOUR);
  });
});

describe(localToUtc.name, () => {
  it("converts an ordinary wall time", () => {
    expect(localToUtc("Europe/Berlin", Date.UTC(2026, 10, 28, 23, 47, 42))).toBe(Date.UTC(2026, 10, 28, 22, 47, 42));
    expect(localToUtc("UTC", Date.UTC(2026, 10, 28, 23, 47, 42))).toBe(Date.UTC(2026, 10, 28, 23, 47, 42));
  });

  it("reads a wall time in the spring-forward gap as moved forward by the gap", () => {
    // 2026-03-29 in Berlin: 02:00 CET → 03:00 CEST; 02:30 does not exist and is read as 03:30 CEST.
    expect(localToUtc("Europe/Berlin", Date.UTC(2026, 2, 29, 2, 30))).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it("reads a repeated wall time in the autumn overlap as the earlier instant", () => {
    // 2026-10-25 in Berlin: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and at 01:30Z.
    expect(localToUtc("Europe/Berlin", Date.UTC(2026, 9, 25, 2, 30))).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(localToUtc("Europe/Berlin", Date.UTC(2026, 9, 25, 3, 30))).toBe(Date.UTC(2026, 9, 25, 2, 30));
  });
});
