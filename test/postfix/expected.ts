// Expected counts of the two shipped queries, per metric per 5-minute bin, from the model's lines
// (expected-lines.ts). Rules: docs/postfix-counting-rules.md#postfix-smtp-status and
// docs/postfix-counting-rules.md#postfix-delivery-status.
import { BIN_MS, binStart } from "./bin-guard.js";
import { expectedLines, type ExpectedLine, type LocalDelivery } from "./expected-lines.js";
import type { PeerEvent } from "./peer-record.js";
import { loggedReplyCode, ownEnhancedCode } from "./reply.js";
import type { RoleModel } from "./scenario.js";

export const REPLY_QUERY = "postfix-smtp-status";
export const DELIVERY_QUERY = "postfix-delivery-status";

/** metric name → bin start (ISO 8601, UTC) → count. */
export type Counts = Record<string, Record<string, number>>;

export interface ExpectedCounts {
  readonly binMinutes: number;
  readonly queries: { readonly [REPLY_QUERY]: Counts; readonly [DELIVERY_QUERY]: Counts };
  /** Delivery log lines each query must NOT count, by reason. */
  readonly notCounted: { readonly [REPLY_QUERY]: Record<string, number>; readonly [DELIVERY_QUERY]: Record<string, number> };
}

const underscored = (dsn: string) => dsn.replaceAll(".", "_");

/**
 * Reply/DSN metric of a line, or null when the query must not count it: the line must carry a
 * remote reply (rule 1); DSN = dsn= when present, else the reply's own enhanced code (rule 3).
 */
export function replyMetric(line: ExpectedLine): string | null {
  if (line.reply === null) return null;
  const dsn = line.kind === "status" ? line.dsn : ownEnhancedCode(line.reply);
  return dsn === null ? null : `${loggedReplyCode(line.reply)}-${underscored(dsn)}`;
}

/** Delivery-status metric: every `dsn=D.D.D, status=WORD` line, whatever the agent. */
export function deliveryMetric(line: ExpectedLine): string | null {
  return line.kind === "status" && line.status !== null && line.dsn !== null ? `${line.status}-${underscored(line.dsn)}` : null;
}

function add(counts: Counts, metric: string, bin: string): void {
  const bins = (counts[metric] ??= {});
  bins[bin] = (bins[bin] ?? 0) + 1;
}

function skip(tally: Record<string, number>, reason: string): void {
  tally[reason] = (tally[reason] ?? 0) + 1;
}

export function countLines(lines: readonly ExpectedLine[], binMs = BIN_MS): ExpectedCounts {
  const reply: Counts = {};
  const delivery: Counts = {};
  const replySkipped: Record<string, number> = {};
  const deliverySkipped: Record<string, number> = {};
  for (const line of lines) {
    const bin = new Date(binStart(line.t, binMs)).toISOString();
    const r = replyMetric(line);
    if (r === null) skip(replySkipped, line.reply === null ? line.cause : "reply without any DSN");
    else add(reply, r, bin);
    const d = deliveryMetric(line);
    if (d === null) skip(deliverySkipped, "informational (no dsn=)");
    else add(delivery, d, bin);
  }
  return {
    binMinutes: binMs / 60_000,
    queries: { [REPLY_QUERY]: sortCounts(reply), [DELIVERY_QUERY]: sortCounts(delivery) },
    notCounted: { [REPLY_QUERY]: replySkipped, [DELIVERY_QUERY]: deliverySkipped },
  };
}

function sortCounts(counts: Counts): Counts {
  const sorted: Counts = {};
  for (const metric of Object.keys(counts).sort()) {
    const bins = counts[metric] ?? {};
    sorted[metric] = Object.fromEntries(
      Object.keys(bins)
        .sort()
        .map((bin) => [bin, bins[bin] ?? 0]),
    );
  }
  return sorted;
}

export function expectedCounts(record: readonly PeerEvent[], roles: readonly RoleModel[], local: readonly LocalDelivery[]): ExpectedCounts {
  return countLines(expectedLines(record, roles, local));
}
