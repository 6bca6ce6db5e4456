// A small Postfix log whose datums are worked out by hand below (counting rules in queries/*.yaml).
export const LOG_LINES = [
  "Nov 28 10:01:10 mx postfix/smtp[1]: A1: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, delays=0/0/0/1, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.26] said: 550-5.7.26 Unauthenticated 550 5.7.26 sender (in reply to end of DATA command))",
  "Nov 28 10:03:00 mx postfix/smtp[1]: A2: to=<b@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, delays=0/0/0/1, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.26] said: 550-5.7.26 Unauthenticated 550 5.7.26 sender (in reply to end of DATA command))",
  "Nov 28 10:04:59 mx postfix/smtp[1]: A3: to=<c@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as X1)",
  "Nov 28 10:05:00 mx postfix/smtp[1]: A4: host mx1.example.org[192.0.2.2] said: 451 4.3.0 Try again later (in reply to end of DATA command)",
  "Nov 28 10:12:30 mx postfix/smtp[1]: A5: to=<d@example.org>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.3]:25: Connection timed out)",
];
export const LOG = `${LOG_LINES.join("\n")}\n`;

const datum = (name: string, time: string, value: number) => ({
  name,
  timestamp: `2026-11-28T${time}:00Z`,
  value,
  unit: "Count",
  dimensions: {},
});

/** postfix-smtp-status: two 550-5.7.26 and a 250 in 10:00, the informational 451 in 10:05; the
 * deferred connect is no reply. 550-5_7_26 is zero-filled over the bins from 10:01:10 to 10:12:30. */
export const SMTP_STATUS = [
  datum("250-2_0_0", "10:00", 1),
  datum("550-5_7_26", "10:00", 2),
  datum("451-4_3_0", "10:05", 1),
  datum("550-5_7_26", "10:05", 0),
  datum("550-5_7_26", "10:10", 0),
];

/** postfix-delivery-status: lines with dsn=, status=; deferred-4_4_1 zero-filled. */
export const DELIVERY_STATUS = [
  datum("bounced-5_7_26", "10:00", 2),
  datum("deferred-4_4_1", "10:00", 0),
  datum("sent-2_0_0", "10:00", 1),
  datum("deferred-4_4_1", "10:05", 0),
  datum("deferred-4_4_1", "10:10", 1),
];

export const ndjson = (text: string): unknown[] =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
