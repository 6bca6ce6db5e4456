// Time periods for bin(), datefloor() and dateceil(). Units per CWL_QuerySyntax-Stats: ms/msec/
// millisecond, s/sec/second, m/min/minute, h/hr/hour, d/day, w/week, mo/mon/month, q/qtr/quarter,
// y/yr/year; "for all units and abbreviations that include more than one character, adding s to
// pluralize is supported".
import { lookupTable } from "./lookup-table.js";

export type TimeUnit = "ms" | "s" | "m" | "h" | "d" | "w" | "mo" | "q" | "y";

export interface Period {
  readonly amount: number;
  readonly unit: TimeUnit;
}

/** The names of each unit, as written in bin(), datefloor() and dateceil(). */
export const UNIT_NAMES: Readonly<Record<string, TimeUnit>> = lookupTable({
  ms: "ms",
  msec: "ms",
  millisecond: "ms",
  s: "s",
  sec: "s",
  second: "s",
  m: "m",
  min: "m",
  minute: "m",
  h: "h",
  hr: "h",
  hour: "h",
  d: "d",
  day: "d",
  w: "w",
  week: "w",
  mo: "mo",
  mon: "mo",
  month: "mo",
  q: "q",
  qtr: "q",
  quarter: "q",
  y: "y",
  yr: "y",
  year: "y",
});

/** Fixed-length units in ms. Weeks are fixed 7-day periods aligned to the epoch, like every fixed unit. */
const FIXED_MS: Partial<Record<TimeUnit, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Calendar units in months; they floor to calendar boundaries in UTC. */
const MONTHS: Partial<Record<TimeUnit, number>> = { mo: 1, q: 3, y: 12 };

/** The unit a written name stands for, or null when the name is unknown. */
export function timeUnit(name: string): TimeUnit | null {
  const direct = UNIT_NAMES[name];
  if (direct !== undefined) return direct;
  const singular = name.endsWith("s") ? name.slice(0, -1) : "";
  return singular.length > 1 ? (UNIT_NAMES[singular] ?? null) : null;
}

/**
 * A period's length in ms. Calendar units have no fixed length: binPeriods reports them as
 * 30 days a month, 90 days a quarter and 365 days a year.
 */
export function nominalMs(p: Period): number {
  const fixed = FIXED_MS[p.unit];
  return fixed !== undefined ? p.amount * fixed : p.amount * (MONTHS[p.unit] === 12 ? 365 : (MONTHS[p.unit] ?? 1) * 30) * 86_400_000;
}

/** Start of the period holding `ms`: epoch-aligned for fixed units, calendar-aligned (UTC) otherwise. */
export function floorTime(ms: number, p: Period): number {
  const fixed = FIXED_MS[p.unit];
  if (fixed !== undefined) {
    const size = p.amount * fixed;
    return Math.floor(ms / size) * size;
  }
  const size = p.amount * (MONTHS[p.unit] ?? 1);
  const date = new Date(ms);
  const index = (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
  return monthStart(Math.floor(index / size) * size);
}

/** Smallest period boundary at or after `ms` ("rounds up the timestamp to the given period"). */
export function ceilTime(ms: number, p: Period): number {
  const start = floorTime(ms, p);
  if (start === ms) return ms;
  const fixed = FIXED_MS[p.unit];
  if (fixed !== undefined) return start + p.amount * fixed;
  const date = new Date(start);
  const index = (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
  return monthStart(index + p.amount * (MONTHS[p.unit] ?? 1));
}

function monthStart(monthsSinceEpoch: number): number {
  const year = 1970 + Math.floor(monthsSinceEpoch / 12);
  const month = monthsSinceEpoch - Math.floor(monthsSinceEpoch / 12) * 12;
  return Date.UTC(year, month, 1);
}

/** Parses `YYYY-MM-DD HH:MM:SS[.mmm]` (the output format) or ISO 8601; a string without a zone is UTC. */
export function parseTime(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (m === null) return null;
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "0", zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Number(frac.padEnd(3, "0")));
  if (zone !== undefined && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isNaN(ms) ? null : ms;
}
