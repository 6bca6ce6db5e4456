// Wall-clock time in an IANA zone → UTC, for syslog timestamps that carry no offset.
// Uses Intl (the zone database Node ships), cached per local minute because log lines come in order.
//
// DST rule (as Temporal's "compatible" disambiguation, and as cron and most log tools do):
// - a wall time that occurs twice (clocks go back) is read as the EARLIER instant;
// - a wall time that does not exist (clocks go forward) is moved forward by the gap
//   (02:30 on a spring-forward night in Europe/Berlin is read as 03:30 CEST).

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const caches = new Map<string, Map<number, number>>();
const CACHE_LIMIT = 100_000;

/** UTC needs no zone data: loading Intl's costs ~30 ms of start-up, and UTC is the default zone. */
const isUtc = (zone: string): boolean => zone === "UTC" || zone === "Etc/UTC";

export function isTimeZone(name: string): boolean {
  if (isUtc(name)) return true;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Offset (local minus UTC, ms) of `zone` at the instant `utcMs`. */
export function offsetAt(zone: string, utcMs: number): number {
  if (isUtc(zone)) return 0;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(utcMs)) fields[part.type] = Number(part.value);
  const local = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return local - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** The UTC instant of a wall-clock time, given as Date.UTC(...) of its fields. */
export function localToUtc(zone: string, localMs: number): number {
  if (isUtc(zone)) return localMs;
  const minute = Math.floor(localMs / 60_000);
  let cache = caches.get(zone);
  if (cache === undefined) caches.set(zone, (cache = new Map()));
  let offset = cache.get(minute);
  if (offset === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    offset = resolveOffset(zone, minute * 60_000);
    cache.set(minute, offset);
  }
  return localMs - offset;
}

function resolveOffset(zone: string, localMs: number): number {
  const before = offsetAt(zone, localMs - 24 * HOUR);
  const after = offsetAt(zone, localMs + 24 * HOUR);
  const valid = [before, after].filter((offset) => offsetAt(zone, localMs - offset) === offset);
  if (valid.length === 0) return before; // in a gap: the pre-transition offset moves the time forward
  return Math.max(...valid); // the larger offset gives the earlier instant
}
