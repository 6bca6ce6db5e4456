// Test-only reader of the maillog_file Postfix wrote, to check the model's assumptions against
// what Postfix really logged. Never used to compute expected counts.

export interface LogLine {
  /** Epoch ms of the stamped second (UTC; the harness starts Postfix with TZ=UTC). */
  readonly t: number;
  readonly service: string;
  readonly queueId: string | null;
  /** "status": `to=<...>, ..., dsn=..., status=... (...)`; "info": `host ... said:`/`refused to talk to me:` without to=. */
  readonly kind: "status" | "info" | "expired" | "other";
  readonly recipient: string | null;
  /** `relay=host[addr]:PORT` port, or null (relay=local, none). */
  readonly relayPort: number | null;
  readonly dsn: string | null;
  readonly status: string | null;
  /** The text in parentheses after status=, or the informational text after the queue id. */
  readonly text: string;
  readonly raw: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const PREFIX = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) \S+ ([^[:]+)\[\d+\]: (.*)$/;
const QUEUE_ID = /^([0-9A-F]{6,}): (.*)$/;
const STATUS = /^to=<([^>]*)>, (?:orig_to=<[^>]*>, )?relay=([^,]*), .*?dsn=(\d\.\d{1,3}\.\d{1,3}), status=(\S+) \((.*)\)$/;

function relayPort(relay: string): number | null {
  const colon = relay.lastIndexOf("]:");
  return colon < 0 ? null : Number(relay.slice(colon + 2));
}

export function parseLogLine(raw: string, year: number): LogLine | null {
  const m = PREFIX.exec(raw);
  if (m === null) return null;
  const [, mon, day, hh, mm, ss, service, rest] = m as unknown as string[];
  const t = Date.UTC(year, MONTHS.indexOf(mon as string), Number(day), Number(hh), Number(mm), Number(ss));
  const q = QUEUE_ID.exec(rest as string);
  const base = { t, service: service as string, raw, recipient: null, relayPort: null, dsn: null, status: null };
  if (q === null) return { ...base, queueId: null, kind: "other", text: rest as string };
  const [, queueId, body] = q as unknown as string[];
  const s = STATUS.exec(body as string);
  if (s !== null) {
    const [, recipient, relay, dsn, status, text] = s as unknown as string[];
    return {
      ...base,
      queueId: queueId as string,
      kind: "status",
      recipient: recipient as string,
      relayPort: relayPort(relay as string),
      dsn: dsn as string,
      status: status as string,
      text: text as string,
    };
  }
  const isInfo = (body as string).startsWith("host ") && / (said|refused to talk to me): /.test(body as string);
  const kind = isInfo ? "info" : (body as string).includes("status=expired") ? "expired" : "other";
  return { ...base, queueId: queueId as string, kind, text: body as string };
}

export function parseLog(text: string, year: number): LogLine[] {
  return text.split("\n").flatMap((raw) => {
    const line = parseLogLine(raw, year);
    return line === null ? [] : [line];
  });
}
