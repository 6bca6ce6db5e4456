// The event time at the start of a log line. Shapes (docs/postfix-counting-rules.md#timestamps):
// - RFC 3339 with fraction and offset: `2025-04-09T08:25:46.538825+00:00`, `...Z` (rsyslog on Debian 12);
// - journalctl short-iso `2026-11-28T23:47:42+0100` and short-iso-precise (with a fraction);
// - classic syslog `Feb  5 04:54:08`, `Feb 05 04:54:08` (Postfix maillog_file), `Jan 1 00:00:00`,
//   optionally with a fraction (journalctl short-precise). These carry no zone and no year: the zone
//   is configured, the year is fixed (--year / source.year) or inferred, see YearRule.
// Fractions beyond milliseconds are truncated (CloudWatch keeps milliseconds).
import { localToUtc, offsetAt } from "./zone-offset.js";

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?([Zz]|[+-]\d{2}(?::?\d{2})?)(?=\s|$)/;
const SYSLOG = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?=\s|$)/;
const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

/**
 * The year of syslog timestamps. `reference`: infer it as the latest year that puts the time at or
 * before the reference instant (the file's modification time + 1 day; for stdin, now + 1 day), so a
 * December line in a file modified in January is from last year.
 */
export type YearRule = { readonly fixed: number } | { readonly reference: number };

export interface TimestampContext {
  /** IANA zone of syslog timestamps. */
  readonly zone: string;
  readonly year: YearRule;
}

export type TimestampParser = (line: string) => number | undefined;

/** A parser giving the epoch ms of the timestamp a line starts with, or undefined when it has none we recognise. */
export function createTimestampParser(context: TimestampContext): TimestampParser {
  const rule = context.year;
  const years =
    "fixed" in rule ? { fixed: rule.fixed } : { reference: rule.reference, referenceYear: localYear(context.zone, rule.reference) };
  // Log lines come in bursts with the same timestamp: remember the last one read.
  let lastText = "";
  let lastTime: number | undefined;
  return (line) => {
    if (lastText !== "" && line.startsWith(lastText) && endsAt(line, lastText.length)) return lastTime;
    const iso = RFC3339.exec(line);
    const syslog = iso === null ? SYSLOG.exec(line) : null;
    const time = iso !== null ? parseIso(iso) : syslog !== null ? parseSyslog(syslog, context.zone, years) : undefined;
    lastText = time === undefined ? "" : (iso ?? syslog)![0];
    lastTime = time;
    return time;
  };
}

const WHITESPACE = /\s/;

/** The timestamp text ends at `length`: the line ends there or white space (the regexes' `(?=\s|$)`) follows. */
const endsAt = (line: string, length: number): boolean =>
  line.length === length || line.charCodeAt(length) === 32 || WHITESPACE.test(line[length]!);

const localYear = (zone: string, utcMs: number): number => new Date(utcMs + offsetAt(zone, utcMs)).getUTCFullYear();

const millis = (fraction: string | undefined): number => (fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0")));

function validClock(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 60;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `month` is 0-based, as in Date.UTC. */
function validDate(year: number, month: number, day: number): boolean {
  if (month < 0 || month > 11 || day < 1) return false;
  return day <= (month === 1 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]!);
}

function parseIso(match: RegExpExecArray): number | undefined {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!validDate(year, month - 1, day) || !validClock(hour, minute, second)) return undefined;
  const offset = offsetMs(match[8]!);
  if (offset === undefined) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis(match[7])) - offset;
}

/** `Z`, `+01:00`, `+0100` or `+01` in ms; undefined beyond RFC 3339 §5.6 (hours 00-23, minutes 00-59). */
function offsetMs(zone: string): number | undefined {
  if (zone === "Z" || zone === "z") return 0;
  const digits = zone.replace(":", "");
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5) || "0");
  if (hours > 23 || minutes > 59) return undefined;
  return (digits.startsWith("-") ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

type Years = { readonly fixed: number } | { readonly reference: number; readonly referenceYear: number };

function parseSyslog(match: RegExpExecArray, zone: string, years: Years): number | undefined {
  const month = MONTHS[match[1]!]!;
  const day = Number(match[2]);
  const hour = Number(match[3]);
  const minute = Number(match[4]);
  const second = Number(match[5]);
  if (!validClock(hour, minute, second)) return undefined;
  const at = (year: number) => localToUtc(zone, Date.UTC(year, month, day, hour, minute, second, millis(match[6])));
  if ("fixed" in years) return validDate(years.fixed, month, day) ? at(years.fixed) : undefined;
  // Feb 29 may need to go back to the last leap year.
  for (let year = years.referenceYear; year > years.referenceYear - 8; year--) {
    if (!validDate(year, month, day)) continue;
    const time = at(year);
    if (time <= years.reference) return time;
  }
  return undefined;
}
