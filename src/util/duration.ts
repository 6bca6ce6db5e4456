import { z } from "zod";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `90s`, `5m`, `1h30m`, `2d` into milliseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const parts = /^(?:\d+(?:ms|s|m|h|d))+$/.test(text) ? text.match(/\d+(?:ms|s|m|h|d)/g) : null;
  if (parts === null) return undefined;
  let total = 0;
  for (const part of parts) {
    const unit = /ms|s|m|h|d/.exec(part)![0];
    total += Number.parseInt(part, 10) * UNIT_MS[unit]!;
  }
  return total;
}

/** A duration in config files: a string such as `5m`, read as milliseconds. */
export const duration = z
  .string({
    error: (issue) => `${JSON.stringify(issue.input)} is not a duration; write it like 30s, 5m, 1h or 1h30m (a number alone has no unit)`,
  })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a duration; write it like 30s, 5m, 1h or 1h30m` });
      return z.NEVER;
    }
    return ms;
  });

/** `2h05m`, `45m10s`, `30s`: a span for a person to read, in the units parseDuration takes (seconds dropped beyond an hour). */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return m === 0 ? `${h}h` : `${h}h${String(m).padStart(2, "0")}m`;
  if (m > 0) return s === 0 ? `${m}m` : `${m}m${String(s).padStart(2, "0")}s`;
  return `${s}s`;
}
