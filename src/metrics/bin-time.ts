// The datum timestamp from a row's bin field. Logs Insights writes `bin(5m)` values as
// `YYYY-MM-DD HH:MM:SS.mmm` in UTC (docs/cloudwatch-facts.md#result-timestamps); moto writes epoch-millisecond digits.

const INSIGHTS_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z?$/;
const EPOCH_MS = /^\d{1,15}$/;

/** Epoch ms, or undefined when the text is neither form. */
export function parseBinTime(text: string): number | undefined {
  if (EPOCH_MS.test(text)) return Number(text);
  const match = INSIGHTS_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second, Number((match[7] ?? "0").padEnd(3, "0")));
  const check = new Date(time);
  // Date.UTC rolls 2026-02-30 over to March; such text is not a time.
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour < 24 && minute < 60 && second < 60 ? time : undefined;
}
