// Lines built to break a careless query: IP addresses that look like enhanced codes, codes that
// do not end at whitespace, replies that are not 3-digit codes, dsn= disagreeing with the reply.
// Expectations written from the counting rules in queries/*.yaml.
import { describe, expect, it } from "vitest";
import { BIN, metricOf, runShipped } from "./shipped-query.js";

const head = "Nov 28 10:02:00 mx postfix/smtp[4242]: 4A1B2C3D4E:";
const delivery = (dsn: string, status: string, text: string) =>
  `${head} to=<u@example.com>, relay=mx.example.com[192.5.7.8]:25, delay=1, delays=0/0/0/1, dsn=${dsn}, status=${status} (${text})`;
const informational = (text: string) => `${head} host mx.example.com[192.5.7.8] said: ${text} (in reply to RCPT TO command)`;

const SMTP_STATUS: readonly [string, string, string | null][] = [
  [
    "an IP address is not an enhanced code",
    delivery("4.4.1", "deferred", "connect to mx.example.com[192.5.7.8]:25: Connection refused"),
    null,
  ],
  ["an IP address in the reply text is not one either", informational("550 Rejected for 192.5.7.8"), null],
  ["an IP address right after the reply code is not one", informational("550 192.5.7.8 blocked"), null],
  ["an enhanced code must end at whitespace", informational("550 5.7.261x blocked"), null],
  [
    "dsn= still counts when the reply's code is malformed",
    delivery("5.7.26", "bounced", "host x[192.5.7.8] said: 550 5.7.261x blocked"),
    "550-5_7_26",
  ],
  ["an enhanced code may end the line", `${head} host x[192.5.7.8] said: 550 5.7.26`, "550-5_7_26"],
  ["a reply code may end the line", `${head} to=<u@x>, relay=x, dsn=5.0.0, status=bounced (host x[192.5.7.8] said: 550`, "550-5_0_0"],
  ["a reply code must be followed by -, space or end", delivery("5.0.0", "bounced", "host x[192.5.7.8] said: 5500 no"), null],
  ["a reply code followed by ) does not count", delivery("2.0.0", "sent", "250"), null],
  ["a two-digit reply is not a reply code", delivery("4.0.0", "deferred", "host x[192.5.7.8] said: 12 Malformed"), null],
  ["a reply code starting with 6 is not one", informational("650 5.7.1 no"), null],
  ["an enhanced code of class 6 is not one", informational("550 6.7.1 no"), null],
  ["detail has at most 3 digits", informational("550 5.7.1234 no"), null],
  ["#5.1.0 is not an enhanced code", informational("550 #5.1.0 Address rejected"), null],
  [
    "dsn= wins over the reply's own code",
    delivery("5.7.1", "bounced", "host x[192.5.7.8] said: 550-5.7.26 blocked 550 5.7.26 really"),
    "550-5_7_1",
  ],
  ["soft_bounce: a 550 reply with dsn=4.0.0", delivery("4.0.0", "deferred", "host x[192.5.7.8] said: 550 5.7.1 no"), "550-4_0_0"],
  [
    "SASL failure 535-5.7.8 is a remote reply",
    `${head} SASL authentication failed; server x[192.5.7.8] said: 535-5.7.8 Username and Password not accepted.`,
    "535-5_7_8",
  ],
  ["an enhanced code followed by a tab", informational("550 5.7.1\tblocked"), "550-5_7_1"],
  ["leading zeros are allowed, as Postfix accepts them", informational("421 4.07.000 try later"), "421-4_07_000"],
  ["greeting: refused to talk to me", `${head} host x[192.5.7.8] refused to talk to me: 421 4.7.0 Try again later`, "421-4_7_0"],
  ["'said:' without the space is not the marker", `${head} host x[192.5.7.8] said:550 5.7.1 no`, null],
  ["status=sent needs its parenthesis", `${head} to=<u@x>, relay=x, dsn=2.0.0, status=sent 250 2.0.0 Ok`, null],
  [
    "only the first reply counts",
    delivery("4.0.0", "deferred", "host x[192.5.7.8] said: 451 try later; host y said: 550 5.7.1 no"),
    "451-4_0_0",
  ],
  ["the reply's code is taken right after the first reply only", informational("451 try later; said: 550 5.7.1 no"), null],
];

const DELIVERY_STATUS: readonly [string, string, string | null][] = [
  [
    "any agent: local",
    'Nov 28 10:02:00 mx postfix/local[1]: 1A: to=<a@x>, relay=local, delay=0, dsn=5.1.1, status=bounced (unknown user: "a")',
    "bounced-5_1_1",
  ],
  ["an IP address is not a dsn", `${head} to=<a@x>, relay=x[192.5.7.8]:25, status=deferred (connect to x[192.5.7.8]:25: refused)`, null],
  ["dsn= needs ', status=' after it", `${head} to=<a@x>, dsn=4.4.1,status=deferred (x)`, null],
  ["expired has no dsn=", `${head} from=<a@x>, status=expired, returned to sender`, null],
  ["the status word is kept as written", delivery("4.0.0", "SOFTBOUNCE", "x"), "SOFTBOUNCE-4_0_0"],
];

describe("postfix-smtp-status on adversarial lines", () => {
  it.each(SMTP_STATUS)("%s", (_, line, metric) => {
    expect(metricOf("postfix-smtp-status", line)).toBe(metric);
  });
});

describe("postfix-delivery-status on adversarial lines", () => {
  it.each(DELIVERY_STATUS)("%s", (_, line, metric) => {
    expect(metricOf("postfix-delivery-status", line)).toBe(metric);
  });
});

describe("rows of the shipped queries", () => {
  it("carry the metric, the count and the bin start, one row per metric and bin", () => {
    const line = delivery("5.7.26", "bounced", "host x[192.5.7.8] said: 550-5.7.26 blocked");
    const rows = runShipped("postfix-smtp-status", [line, line, informational("450 4.7.1 greylisted")]);
    const simple = rows.map((row) => Object.fromEntries(row.map((cell) => [cell.field, cell.value])));
    expect(simple).toEqual(
      expect.arrayContaining([
        { metric: "550-5_7_26", count: "2", binStart: BIN },
        { metric: "450-4_7_1", count: "1", binStart: BIN },
      ]),
    );
    expect(simple).toHaveLength(2);
  });
});
