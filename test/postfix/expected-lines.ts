// The model: which Postfix delivery log lines each peer event causes. Derived only from the peer
// record (plus local deliveries, which no peer sees), never from the log. Sources of each rule are
// Postfix 3.7's smtp client (smtp_proto.c, smtp_trouble.c, smtp_chat.c) and docs/postfix-counting-rules.md.
import type { PeerEvent } from "./peer-record.js";
import { postfixDsn, replyCode } from "./reply.js";
import type { RoleModel } from "./scenario.js";

export type Status = "sent" | "deferred" | "bounced";

/** Why a line exists; "reply" lines carry the remote reply in their text. */
export type Cause = "reply" | "lost-connection" | "timeout" | "local-unknown-user";

export interface ExpectedLine {
  /** When the peer acted (or the message was submitted, for local lines): the line's bin. */
  readonly t: number;
  /** Peer role; null for local deliveries. */
  readonly role: string | null;
  /** The recipient, when the peer knows it (not for greeting-level failures). */
  readonly recipient: string | null;
  /** "status": a `dsn=..., status=...` line; "info": a `host ... said:` line without dsn=. */
  readonly kind: "status" | "info";
  readonly status: Status | null;
  readonly dsn: string | null;
  readonly reply: readonly string[] | null;
  /** The reply as scenario.ts scripts it, before the peer filled in {rcpt} and {id}. */
  readonly script?: readonly string[];
  /** For replies: "said" (`host X said: R`), "refused" (greeting), "sent" (`status=sent (R)`). */
  readonly form: "said" | "refused" | "sent" | null;
  readonly cause: Cause;
}

export interface LocalDelivery {
  readonly t: number;
  readonly recipient: string;
}

const scriptOf = (e: PeerEvent): readonly string[] => e.script ?? e.lines;

const statusFor = (dsn: string): Status => (dsn[0] === "2" ? "sent" : dsn[0] === "4" ? "deferred" : "bounced");

/**
 * A failed reply to one recipient (RCPT, or an LMTP end-of-data reply): smtp_rcpt_fail(). A soft
 * error from a non-final host is only logged as information; anything else is a status line.
 */
function recipientFailure(e: PeerEvent, role: RoleModel, recipient: string | null): ExpectedLine {
  const dsn = postfixDsn(e.lines);
  if (dsn[0] === "4" && !role.finalHost) return info(e, "said");
  return {
    t: e.t,
    role: e.role,
    recipient,
    kind: "status",
    status: statusFor(dsn),
    dsn,
    reply: e.lines,
    script: scriptOf(e),
    form: "said",
    cause: "reply",
  };
}

function info(e: PeerEvent, form: "said" | "refused"): ExpectedLine {
  return {
    t: e.t,
    role: e.role,
    recipient: null,
    kind: "info",
    status: null,
    dsn: null,
    reply: e.lines,
    script: scriptOf(e),
    form,
    cause: "reply",
  };
}

function sent(e: PeerEvent, recipient: string): ExpectedLine {
  return {
    t: e.t,
    role: e.role,
    recipient,
    kind: "status",
    status: "sent",
    dsn: postfixDsn(e.lines),
    reply: e.lines,
    script: scriptOf(e),
    form: "sent",
    cause: "reply",
  };
}

function connectionFailure(e: PeerEvent, recipient: string | null, cause: "lost-connection" | "timeout"): ExpectedLine {
  // smtp_stream_except(): dsn 4.4.2 for both; no remote reply in the text.
  return { t: e.t, role: e.role, recipient, kind: "status", status: "deferred", dsn: "4.4.2", reply: null, form: null, cause };
}

/** A rejected greeting: smtp_helo() → smtp_site_fail(), one line per recipient of the delivery. */
function greetingRefused(e: PeerEvent, role: RoleModel): ExpectedLine[] {
  let dsn = postfixDsn(e.lines);
  // smtp_skip_5xx_greeting = yes: a 5XX greeting is treated as 4XX ("try another host / later").
  if (dsn[0] === "5") dsn = `4${dsn.slice(1)}`;
  if (!role.finalHost) return [info(e, "refused")];
  // One recipient: the mix sends greeting-level failures single-recipient messages only.
  return [
    {
      t: e.t,
      role: e.role,
      recipient: null,
      kind: "status",
      status: statusFor(dsn),
      dsn,
      reply: e.lines,
      script: scriptOf(e),
      form: "refused",
      cause: "reply",
    },
  ];
}

/** SMTP end-of-data reply: success per accepted recipient, or smtp_mesg_fail() for all of them. */
function endOfData(e: PeerEvent, role: RoleModel): ExpectedLine[] {
  if (replyCode(e.lines) < 300) return e.recipients.map((r) => sent(e, r));
  const dsn = postfixDsn(e.lines);
  // smtp_bulk_fail(): one informational line per transaction for a soft error at a non-final host.
  if (dsn[0] === "4" && !role.finalHost) return [info(e, "said")];
  return e.recipients.map((r) => recipientFailure(e, role, r));
}

function replyLines(e: PeerEvent, role: RoleModel): ExpectedLine[] {
  const code = replyCode(e.lines);
  switch (e.phase) {
    case "greeting":
      return code < 300 ? [] : greetingRefused(e, role);
    case "rcpt":
      return code < 300 ? [] : [recipientFailure(e, role, e.recipients[0] ?? null)];
    case "dot":
      if (role.protocol === "lmtp") {
        const recipient = e.recipients[0] ?? null;
        return code < 300 && recipient !== null ? [sent(e, recipient)] : [recipientFailure(e, role, recipient)];
      }
      return endOfData(e, role);
    case "data":
      if (code === 354) return [];
      break;
    default:
      if (code < 400) return [];
  }
  throw new Error(`expected-lines: no model for a ${code} reply at ${e.phase} (event ${e.seq}); extend the model first`);
}

export function linesForEvent(e: PeerEvent, roles: ReadonlyMap<string, RoleModel>): ExpectedLine[] {
  const role = roles.get(e.role);
  if (role === undefined) throw new Error(`expected-lines: unknown role ${e.role} in event ${e.seq}`);
  switch (e.action) {
    case "reply":
      return replyLines(e, role);
    case "drop":
      // smtp_stream_except() → smtp_bulk_fail(): every recipient of the transaction so far.
      return e.recipients.map((r) => connectionFailure(e, r, "lost-connection"));
    case "timeout":
      return [connectionFailure(e, null, "timeout")];
    case "nudge":
      return [];
  }
}

/** local(8) bounces a recipient of mydestination with no such user: dsn 5.1.1, no remote reply. */
export function localLine(d: LocalDelivery): ExpectedLine {
  return {
    t: d.t,
    role: null,
    recipient: d.recipient,
    kind: "status",
    status: "bounced",
    dsn: "5.1.1",
    reply: null,
    form: null,
    cause: "local-unknown-user",
  };
}

export function expectedLines(record: readonly PeerEvent[], roles: readonly RoleModel[], local: readonly LocalDelivery[]): ExpectedLine[] {
  const byName = new Map(roles.map((role) => [role.name, role]));
  return [...record.flatMap((e) => linesForEvent(e, byName)), ...local.map(localLine)];
}
