// The events behind a metric, summed up for a person: which relay hosts (and their domains) replied,
// to which recipient domains, for which sender domains, and the distinct reply texts (masked, most
// frequent first), with a few sample lines.
import { readDeliveryLine, type DeliveryLine } from "./delivery-line.js";
import { maskAddresses, maskReply } from "./mask-reply.js";
import { registeredDomain } from "./registered-domain.js";

export interface ExplainEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly logStream?: string;
}

export interface Tally {
  readonly value: string;
  readonly count: number;
}

export interface RelayTally extends Tally {
  /** The relay host's registered domain (registered-domain.ts). */
  readonly domain: string;
}

export interface ReplyGroup {
  /** The reply with volatile parts masked (mask-reply.ts). */
  readonly text: string;
  /** The SMTP stage it answered (`RCPT TO`, `end of DATA`), when the line says. */
  readonly stage?: string;
  readonly count: number;
}

export interface Breakdown {
  readonly relays: readonly RelayTally[];
  readonly relayDomains: readonly Tally[];
  readonly recipientDomains: readonly Tally[];
  /** Null when senders were not looked up. */
  readonly senderDomains: readonly Tally[] | null;
  readonly replies: readonly ReplyGroup[];
  /** A few lines, one per most frequent reply first. */
  readonly samples: readonly ExplainEvent[];
}

/** What a value is tallied as when the line does not have it. */
export const NONE = "(none on the line)";
export const NULL_SENDER = "<> (bounce)";
export const SENDER_NOT_FOUND = "(no qmgr from= line)";

const SAMPLES = 3;

export interface BreakdownOptions {
  /** Queue id → envelope sender ("" for the null sender); null when not looked up. */
  readonly senders: ReadonlyMap<string, string> | null;
  readonly maskRecipients: boolean;
}

export function breakdown(events: readonly ExplainEvent[], options: BreakdownOptions): Breakdown {
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp || (a.message < b.message ? -1 : 1));
  const lines = ordered.map((event) => readDeliveryLine(event.message));
  const groups = new Map<string, { group: ReplyGroup; first: number }>();
  lines.forEach((line, index) => {
    if (line.reply === undefined) return;
    const text = maskReply(line.reply);
    const key = `${text}\u0000${line.stage ?? ""}`;
    const known = groups.get(key);
    if (known) groups.set(key, { ...known, group: { ...known.group, count: known.group.count + 1 } });
    else groups.set(key, { group: { text, ...(line.stage === undefined ? {} : { stage: line.stage }), count: 1 }, first: index });
  });
  const replies = [...groups.values()].sort((a, b) => b.group.count - a.group.count || a.first - b.first);
  const sampleIndices = [...new Set([...replies.map((entry) => entry.first), ...ordered.map((_, index) => index)])].slice(0, SAMPLES);
  const show = (event: ExplainEvent): ExplainEvent =>
    options.maskRecipients ? { ...event, message: maskAddresses(event.message) } : event;
  return {
    relays: relayTallies(lines),
    relayDomains: tally(lines.map((line) => (line.host === undefined ? NONE : registeredDomain(line.host)))),
    recipientDomains: tally(lines.map((line) => domainOf(line.recipient))),
    senderDomains: options.senders === null ? null : tally(lines.map((line) => senderDomain(line, options.senders!))),
    replies: replies.map((entry) => entry.group),
    samples: sampleIndices.sort((a, b) => a - b).map((index) => show(ordered[index]!)),
  };
}

function relayTallies(lines: readonly DeliveryLine[]): RelayTally[] {
  return tally(lines.map((line) => line.host ?? NONE)).map((entry) => ({
    ...entry,
    domain: entry.value === NONE ? NONE : registeredDomain(entry.value),
  }));
}

function senderDomain(line: DeliveryLine, senders: ReadonlyMap<string, string>): string {
  const sender = line.queueId === undefined ? undefined : senders.get(line.queueId);
  if (sender === undefined) return SENDER_NOT_FOUND;
  return sender === "" ? NULL_SENDER : domainOf(sender);
}

function domainOf(address: string | undefined): string {
  if (address === undefined) return NONE;
  const at = address.lastIndexOf("@");
  return at < 0 ? address.toLowerCase() : address.slice(at + 1).toLowerCase();
}

/** Counts per value, most frequent first, then by value. */
export function tally(values: readonly string[]): Tally[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}
