// What Postfix makes of a remote SMTP/LMTP reply: the code, the DSN it logs, and what the shipped
// reply/DSN query sees on the log line. Pure; the input is the reply as the peer sent it.

/**
 * Length of the RFC 3463 enhanced status code at the start of `text`, or 0. Mirrors Postfix
 * global/dsn_util.c dsn_valid(): class 2, 4 or 5; subject and detail 1-3 digits; the code must end
 * at whitespace or the end of the text.
 */
export function enhancedCodeLength(text: string): number {
  if (!"245".includes(text[0] ?? "x") || text[1] !== ".") return 0;
  const subject = digitRun(text, 2);
  if (subject < 1 || subject > 3 || text[2 + subject] !== ".") return 0;
  const detailStart = 3 + subject;
  const detail = digitRun(text, detailStart);
  const end = detailStart + detail;
  if (detail < 1 || detail > 3) return 0;
  if (end < text.length && !/\s/.test(text[end] ?? "")) return 0;
  return end;
}

function digitRun(text: string, from: number): number {
  let n = 0;
  while (from + n < text.length && text.charCodeAt(from + n) >= 48 && text.charCodeAt(from + n) <= 57) n++;
  return n;
}

function lastLine(lines: readonly string[]): string {
  const line = lines[lines.length - 1];
  if (line === undefined) throw new Error("empty reply");
  return line;
}

/** The reply code. Postfix smtp_chat.c takes it from the last line of a multi-line reply. */
export function replyCode(lines: readonly string[]): number {
  return Number(lastLine(lines).slice(0, 3));
}

/**
 * The DSN Postfix derives from a reply (smtp_chat.c smtp_chat_resp): on the LAST line, skip the
 * code, one character and any spaces; a valid enhanced code of the reply's own class is the DSN,
 * otherwise "X.0.0" with X the reply's first digit.
 */
export function postfixDsn(lines: readonly string[]): string {
  const last = lastLine(lines);
  let start = 4;
  while (last[start] === " ") start++;
  const rest = last.slice(start);
  const length = enhancedCodeLength(rest);
  if (length > 0 && rest[0] === last[0]) return rest.slice(0, length);
  return `${last[0]}.0.0`;
}

/** Postfix logs a multi-line reply with its lines joined by spaces (translit "\n" → " "). */
export function loggedReply(lines: readonly string[]): string {
  return lines.join(" ");
}

/**
 * The reply's own enhanced code as the shipped reply/DSN query reads it
 * (docs/postfix-counting-rules.md#smtp-status-rule-2): right after the reply code and its "-" or
 * space on the logged text, i.e. on the first line, ending at whitespace or the end of the line.
 * Null when there is none.
 */
export function ownEnhancedCode(lines: readonly string[]): string | null {
  const rest = loggedReply(lines).slice(4);
  const length = enhancedCodeLength(rest);
  return length > 0 ? rest.slice(0, length) : null;
}

/** The reply code as the query reads it: the three digits that start the logged text. */
export function loggedReplyCode(lines: readonly string[]): string {
  return loggedReply(lines).slice(0, 3);
}
