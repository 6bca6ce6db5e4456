// The peer's script is data: ordered rules that say how each recipient is answered, attempt by
// attempt. Connection-level behaviour (greeting) belongs to a role, i.e. a listening port.
import type { Protocol } from "./peer-record.js";

/** A reply: its lines without CRLF. `{rcpt}` and `{id}` are filled in when it is sent. */
export type ReplyLines = readonly string[];

export type RcptStep = { readonly reply: ReplyLines } | { readonly drop: true };

export interface Rule {
  /** Matches only on this role's port when set. */
  readonly role?: string;
  /** Matches the recipient's key: its local part up to the first "." (`full.17` → `full`). */
  readonly key?: string;
  readonly domain?: string;
  /** Reply to RCPT TO per attempt (the last step repeats); default 250 2.1.5. */
  readonly rcpt?: readonly RcptStep[];
  /** Reply after the message data per attempt (SMTP: of the first accepted recipient). */
  readonly data?: readonly ReplyLines[];
}

export type Greeting = { readonly kind: "reply"; readonly lines: ReplyLines } | { readonly kind: "silent" };

export interface RoleSpec {
  readonly name: string;
  readonly protocol: Protocol;
  readonly greeting: Greeting;
}

export interface PeerScript {
  readonly roles: readonly RoleSpec[];
  readonly rules: readonly Rule[];
}

const DEFAULT_RCPT: RcptStep = { reply: ["250 2.1.5 Ok"] };
const DEFAULT_DATA: Record<Protocol, ReplyLines> = {
  smtp: ["250 2.0.0 Ok: queued as {id}"],
  lmtp: ["250 2.0.0 <{rcpt}> {id} Saved"],
};

/** The recipient's script key: local part up to the first ".". */
export function recipientKey(address: string): string {
  const local = address.slice(0, address.lastIndexOf("@"));
  const dot = local.indexOf(".");
  return dot < 0 ? local : local.slice(0, dot);
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

/** The first rule that matches, in script order. */
export function findRule(rules: readonly Rule[], role: string, address: string): Rule | undefined {
  const key = recipientKey(address);
  const domain = domainOf(address);
  return rules.find(
    (rule) =>
      (rule.role === undefined || rule.role === role) &&
      (rule.key === undefined || rule.key === key) &&
      (rule.domain === undefined || rule.domain === domain),
  );
}

function stepAt<T>(steps: readonly T[] | undefined, attempt: number): T | undefined {
  if (steps === undefined || steps.length === 0) return undefined;
  return steps[Math.min(attempt, steps.length - 1)];
}

export function rcptStep(rule: Rule | undefined, attempt: number): RcptStep {
  return stepAt(rule?.rcpt, attempt) ?? DEFAULT_RCPT;
}

export function dataReply(rule: Rule | undefined, attempt: number, protocol: Protocol): ReplyLines {
  return stepAt(rule?.data, attempt) ?? DEFAULT_DATA[protocol];
}

export function fillReply(lines: ReplyLines, values: { rcpt?: string; id?: string }): string[] {
  return lines.map((line) => line.replaceAll("{rcpt}", values.rcpt ?? "").replaceAll("{id}", values.id ?? ""));
}
