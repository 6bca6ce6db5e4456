// The harness's scenario as data: which remote servers exist (roles, one loopback port each), how
// each answers (rules), and which test domain Postfix routes to which role.
import type { PeerScript, ReplyLines, RoleSpec, Rule } from "./peer-script.js";

export interface RoleModel extends RoleSpec {
  /**
   * False for the first host of a domain that has a fallback relay: Postfix then logs its soft
   * errors on informational lines and tries the next host (smtp_trouble.c).
   */
  readonly finalHost: boolean;
}

export interface Route {
  readonly domain: string;
  /** master.cf service that delivers it; "smtpfb" is smtp with a fallback relay. */
  readonly transport: "smtp" | "smtpfb" | "lmtp";
  readonly role: string;
  /**
   * The name Postfix connects to, and logs as `relay=NAME[127.0.0.1]`: a big provider's MX host
   * name, resolved to loopback by the run's own hosts file (postfix-control.ts); default 127.0.0.1.
   */
  readonly relayHost?: string;
  /** Who is rejecting, as a person reads the relay host (postfix-smtp-status's Provider dimension); default other. */
  readonly provider?: string;
}

const ok220 = (name: string, protocol = "ESMTP"): ReplyLines => [`220 ${name}.peer.test ${protocol} ready`];

export const ROLES: readonly RoleModel[] = [
  { name: "mx", protocol: "smtp", greeting: { kind: "reply", lines: ok220("mx") }, finalHost: true },
  { name: "fb-primary", protocol: "smtp", greeting: { kind: "reply", lines: ok220("fb-primary") }, finalHost: false },
  { name: "fb-relay", protocol: "smtp", greeting: { kind: "reply", lines: ok220("fb-relay") }, finalHost: true },
  { name: "lmtp", protocol: "lmtp", greeting: { kind: "reply", lines: ok220("lmtp", "LMTP") }, finalHost: true },
  {
    name: "greet421",
    protocol: "smtp",
    greeting: { kind: "reply", lines: ["421 4.7.0 greet421.peer.test Service not available, closing transmission channel"] },
    finalHost: true,
  },
  {
    name: "greet554",
    protocol: "smtp",
    // Multi-line and without an enhanced code, like GMX's banner.
    greeting: { kind: "reply", lines: ["554-greet554.peer.test ESMTP not accepting messages", "554 No SMTP service here"] },
    finalHost: true,
  },
  { name: "silent", protocol: "smtp", greeting: { kind: "silent" }, finalHost: true },
];

export const MX_DOMAINS = ["gmail.test", "outlook.test", "example.test"] as const;
export const SENDER_DOMAIN = "senders.test";
export const LOCAL_DOMAIN = "local.test";

// Relay host names as public Postfix logs show the providers' MX hosts (docs/postfix-counting-rules.md#smtp-status-provider).
export const ROUTES: readonly Route[] = [
  { domain: "gmail.test", transport: "smtp", role: "mx", relayHost: "gmail-smtp-in.l.google.com", provider: "Google" },
  { domain: "outlook.test", transport: "smtp", role: "mx", relayHost: "outlook-test.mail.protection.outlook.com", provider: "Microsoft" },
  { domain: "example.test", transport: "smtp", role: "mx" },
  { domain: SENDER_DOMAIN, transport: "smtp", role: "mx" },
  { domain: "fallback.test", transport: "smtpfb", role: "fb-primary" },
  { domain: "lmtp.test", transport: "lmtp", role: "lmtp" },
  { domain: "greet421.test", transport: "smtp", role: "greet421", relayHost: "mta5.am0.yahoodns.net", provider: "Yahoo" },
  { domain: "greet554.test", transport: "smtp", role: "greet554", relayHost: "mx01.mail.icloud.com", provider: "Apple" },
  { domain: "silent.test", transport: "smtp", role: "silent" },
];

/** The relay host names the run's hosts file resolves to loopback. */
export const RELAY_HOSTS: readonly string[] = ROUTES.flatMap((route) => (route.relayHost === undefined ? [] : [route.relayHost]));

/** The role smtpfb falls back to (smtp_fallback_relay). */
export const FALLBACK_ROLE = "fb-relay";

const GMAIL_5726: ReplyLines = [
  "550-5.7.26 This mail has been blocked because the sender is unauthenticated.",
  "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.",
  "550-5.7.26  Authentication results:",
  "550-5.7.26  DKIM = did not pass",
  "550-5.7.26  SPF [senders.test] with ip: [127.0.0.1] = did not pass",
  "550 5.7.26  https://support.google.com/mail/answer/81126#authentication {id} - gsmtp",
];

const GMAIL_422: ReplyLines = [
  "452-4.2.2 The recipient's inbox is out of storage space. Please direct the",
  "452-4.2.2 recipient to",
  "452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp {id} - gsmtp",
];

/** Long multi-line replies, as large providers send them (only the "deferrals" mix uses them). */
const LONG_451: ReplyLines = [
  "451-4.7.28 [127.0.0.1] Our system has detected an unusual rate of unsolicited mail originating",
  "451-4.7.28 from your IP address. To protect our users from spam, mail sent from your IP",
  "451-4.7.28 address has been temporarily rate limited. Please visit",
  "451-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to review our",
  "451 4.7.28 Bulk Email Senders Guidelines. {id} - gsmtp",
];

const LONG_550: ReplyLines = [
  "550-5.7.1 [127.0.0.1] The IP you're using to send mail is not authorized to send email",
  "550-5.7.1 directly to our servers. Please use the SMTP relay at your service provider",
  "550-5.7.1 instead. For more information, go to",
  "550 5.7.1  https://support.google.com/mail/?p=NotAuthorizedError {id} - gsmtp",
];

const LONG_421: ReplyLines = [
  "421-4.3.2 The system is not accepting network messages at this time because of a",
  "421-4.3.2 scheduled maintenance window of the storage cluster serving this mailbox;",
  "421 4.3.2 please try again later {id}",
];

/** Rules in order; the first match wins (see peer-script.ts). Keys are recipient local parts up to ".". */
export const RULES: readonly Rule[] = [
  { role: "fb-primary", data: [["451 4.3.0 Temporary system failure, try again later"]] },
  { role: "lmtp", key: "gone", rcpt: [{ reply: ["550 5.1.1 <{rcpt}> User doesn't exist: {rcpt}"] }] },
  { role: "lmtp", key: "overquota", data: [["552 5.2.2 <{rcpt}> Quota exceeded (mailbox for user is full)"]] },
  { role: "mx", key: "plain", data: [["250 OK id={id}"]] },
  { role: "mx", key: "accepted", data: [["250 2.6.0 Message accepted for delivery"]] },
  { role: "mx", key: "gmail-auth", data: [GMAIL_5726] },
  { role: "mx", key: "policy", rcpt: [{ reply: ["550 5.7.1 <{rcpt}>: Recipient address rejected: Access denied"] }] },
  { role: "mx", key: "unknown", rcpt: [{ reply: ["550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown"] }] },
  { role: "mx", key: "nocode", rcpt: [{ reply: ["550 Requested action not taken: mailbox unavailable"] }] },
  { role: "mx", key: "mismatch", rcpt: [{ reply: ["550 4.7.1 Client host rejected: enhanced code of the wrong class"] }] },
  { role: "mx", key: "spam", data: [["554 Transaction failed: message looks like spam"]] },
  { role: "mx", key: "full", rcpt: [{ reply: GMAIL_422 }, { reply: ["250 2.1.5 Ok"] }] },
  { role: "mx", key: "quota", rcpt: [{ reply: GMAIL_422 }] },
  {
    role: "mx",
    key: "greylist",
    rcpt: [{ reply: ["450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, try again later"] }, { reply: ["250 2.1.5 Ok"] }],
  },
  { role: "mx", key: "drop", rcpt: [{ drop: true }, { reply: ["250 2.1.5 Ok"] }] },
  { role: "mx", key: "ratelimit", rcpt: [{ reply: LONG_451 }, { reply: LONG_451 }, { reply: ["250 2.1.5 Ok"] }] },
  { role: "mx", key: "notauth", data: [LONG_550] },
  { role: "mx", key: "maint", data: [LONG_421, ["250 2.0.0 Ok: queued"]] },
];

export const PEER_SCRIPT: PeerScript = { roles: ROLES, rules: RULES };
