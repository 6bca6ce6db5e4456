// The few events every compiled fuzz query runs over: real Postfix lines and hostile ones.
import type { LogEvent } from "../../src/insights/types.js";

const T = Date.UTC(2026, 10, 28, 10, 2, 0);

export const FUZZ_EVENTS: readonly LogEvent[] = [
  {
    timestamp: T,
    message:
      "Nov 28 10:02:00 mx postfix/smtp[1]: A1: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.26] said: 550-5.7.26 Unauthenticated sender (in reply to end of DATA command))",
    logStream: "mail.log",
    logGroup: "/mail/postfix",
    ingestionTime: T + 1500,
  },
  {
    timestamp: T + 1,
    message: "Nov 28 10:02:00 mx postfix/smtp[1]: A2: to=<b@x>, relay=x, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
    logStream: "mail.log",
  },
  { timestamp: T - 300_000, message: "" },
  { timestamp: T + 2, message: "42" },
  { timestamp: 0, message: "status=sent n=-1.5e3 \u0000 é 日本 \u{1F600} \ud800 said: 550" },
  { timestamp: -1, message: "   " },
  { timestamp: 8.64e15, message: '{"status": "sent", "n": 1}' },
];
