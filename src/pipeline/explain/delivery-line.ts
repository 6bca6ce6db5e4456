// What explain reads from one Postfix delivery line: the queue id, the host that replied, the
// recipient and the remote reply with the SMTP stage it answered. The shapes are those of
// docs/postfix-counting-rules.md (`host X[addr] said: R (in reply to … command)`, `refused to talk
// to me: R`, `status=sent (R)`, SASL's `server X[addr] said: R`).

export interface DeliveryLine {
  readonly queueId?: string;
  /** The host whose reply the line carries, else the relay= host. */
  readonly host?: string;
  readonly recipient?: string;
  /** The remote reply from its code on, without the stage; absent on lines without one. */
  readonly reply?: string;
  /** `RCPT TO`, `end of DATA`, … from `(in reply to … command)`. */
  readonly stage?: string;
}

/** `postfix/smtp[123]: 251A3372458: ` (or a line that starts at the queue id). */
const QUEUE_ID = /(?:^|\]: )([0-9A-Za-z]{5,20}): /;
const REPLYING_HOST = /\b(?:host|server) ([^\s[]+)\[[^\]]*\](?::\d+)? (?:said|refused to talk to me): /;
const RELAY = /\brelay=([^\s,[]+)\[/;
const RECIPIENT = /\bto=<([^>]*)>|\bto=([^\s,<>]+@[^\s,<>]+),/;
// A reply's text is optional (RFC 5321 section 4.2): `status=sent (250)` is a whole reply too.
const REPLY = /(said: |refused to talk to me: |status=sent \()([2-5]\d\d(?:[- ].*)?)\)?$/;
const STAGE = / \(in reply to (.+) command\)$/;

export function readDeliveryLine(message: string): DeliveryLine {
  const recipient = RECIPIENT.exec(message);
  const host = REPLYING_HOST.exec(message)?.[1] ?? RELAY.exec(message)?.[1];
  return {
    ...defined("queueId", QUEUE_ID.exec(message)?.[1]),
    ...defined("host", host),
    ...defined("recipient", recipient?.[1] ?? recipient?.[2]),
    ...replyOf(message),
  };
}

function replyOf(message: string): { reply?: string; stage?: string } {
  const match = REPLY.exec(message);
  if (match === null) return {};
  let text = match[2]!;
  // Inside `status=WORD (…)` the reply ends before the closing parenthesis.
  if (match[1] === "status=sent (" || /\bstatus=\S+ \(/.test(message.slice(0, match.index))) text = text.replace(/\)$/, "");
  const stage = STAGE.exec(text);
  return stage === null ? { reply: text } : { reply: text.slice(0, stage.index), stage: stage[1]! };
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
