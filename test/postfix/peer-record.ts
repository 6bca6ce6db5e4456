// The peer's record: one entry per reply it sent (and per connection it dropped or Postfix timed
// out). It is the ground truth the expected counts are computed from.

export type Protocol = "smtp" | "lmtp";

export type Phase = "greeting" | "helo" | "mail" | "rcpt" | "data" | "dot" | "rset" | "quit" | "other";

export type PeerAction =
  /** A complete reply was written. */
  | "reply"
  /** The peer closed the connection instead of replying. */
  | "drop"
  /** One byte of a greeting that never completes, sent to move Postfix's timeout (bin guard). */
  | "nudge"
  /** Postfix closed a connection whose greeting never came (it timed out). */
  | "timeout";

export interface PeerEvent {
  readonly seq: number;
  /** Epoch ms when the reply was written (after any bin-guard hold), or the drop/close happened. */
  readonly t: number;
  readonly role: string;
  readonly port: number;
  readonly protocol: Protocol;
  /** Connection id, unique within one peer. */
  readonly connection: number;
  readonly phase: Phase;
  readonly action: PeerAction;
  /**
   * rcpt: the recipient; dot: the accepted recipients the reply applies to (LMTP: exactly one);
   * drop: the recipients of the transaction so far; otherwise empty.
   */
  readonly recipients: readonly string[];
  /** The reply lines exactly as sent, without CRLF; empty for drop, nudge and timeout. */
  readonly lines: readonly string[];
  /** The scripted reply before `{rcpt}` and `{id}` were filled in (scenario.ts); for a reply only. */
  readonly script?: readonly string[];
}
