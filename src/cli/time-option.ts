// Command-line values that are times or years. Bad values are UsageErrors (exit 2) naming the
// option, the value and a valid example.
import { UsageError } from "../errors.js";

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Epoch ms of an ISO 8601 time with a zone (`2026-11-28T10:00:00Z`, `…+01:00`), or of a date
 * (`2026-11-28`, midnight UTC). A time without a zone is refused: it would silently mean the
 * machine's zone.
 */
export function parseTimeOption(option: string, value: string): number {
  const match = ISO_TIME.exec(value);
  const ms = match === null ? Number.NaN : Date.parse(match[4] === undefined ? `${value}T00:00:00Z` : value);
  if (match !== null && !Number.isNaN(ms) && !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new UsageError(`${option} "${value}": ${match[1]}-${match[2]} has no day ${match[3]}`);
  }
  if (Number.isNaN(ms)) {
    throw new UsageError(`${option} "${value}" is not an ISO 8601 time with a zone; write it like 2026-11-28T10:00:00Z or 2026-11-28`);
  }
  return ms;
}

/** Date.parse rolls 2026-02-30 over to March; this does not. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A four-digit year between 1970 and 9999. */
export function parseYearOption(option: string, value: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(year >= 1970 && year <= 9999)) throw new UsageError(`${option} "${value}" is not a year; write it like 2026`);
  return year;
}
