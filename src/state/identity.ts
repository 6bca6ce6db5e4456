// A series is a query published to one place: its state key is the query name plus a hash of
// everything that changes what it publishes. Editing the query, its log groups, its mapping or the
// destination therefore starts a new series instead of silently mixing two meanings in one.
import { createHash } from "node:crypto";

export interface SeriesIdentityInput {
  readonly name: string;
  readonly queryString: string;
  /** Log group names/ARNs, or null for a files source (moving log files must not restart a series). */
  readonly logGroups: readonly string[] | null;
  readonly mapping: unknown;
  /** e.g. "cloudwatch:Mail/Postfix:60" or "stdout". */
  readonly destination: string;
}

export function seriesIdentity(input: SeriesIdentityInput): string {
  const canonical = JSON.stringify([
    input.queryString,
    input.logGroups === null ? null : [...input.logGroups].sort(),
    sortKeys(input.mapping),
    input.destination,
  ]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 12);
}

export function seriesKey(name: string, identity: string): string {
  return `${name}@${identity}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
