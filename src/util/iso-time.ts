/** `2026-11-28T23:45:00Z`: ISO 8601 UTC, with milliseconds only when they are not zero — the form users type back into --from. */
export function isoTime(ms: number): string {
  const text = new Date(ms).toISOString();
  return text.endsWith(".000Z") ? `${text.slice(0, -5)}Z` : text;
}
