import { describe, expect, it } from "vitest";
import { breakdown, NULL_SENDER, SENDER_NOT_FOUND } from "../../../src/pipeline/explain/breakdown.js";
import { registeredDomain } from "../../../src/pipeline/explain/registered-domain.js";

const line = (id: string, to: string, host: string, reply: string) =>
  `Nov 29 00:39:38 mailout postfix/smtp[1]: ${id}: to=<${to}>, relay=${host}[192.0.2.1]:25, delay=0.1, delays=0/0/0/0, dsn=5.1.1, status=bounced (host ${host}[192.0.2.1] said: ${reply} (in reply to RCPT TO command))`;
const at = (seconds: number, message: string) => ({ timestamp: Date.UTC(2026, 10, 29, 0, 39, seconds), message });

describe(breakdown.name, () => {
  const events = [
    at(3, line("AAAAA1", "b@gmail.com", "gmail-smtp-in.l.google.com", "550 5.1.1 <b@gmail.com>: User unknown")),
    at(1, line("AAAAA2", "a@gmail.com", "alt1.gmail-smtp-in.l.google.com", "550 5.1.1 <a@gmail.com>: User unknown")),
    at(2, line("AAAAA3", "c@example.co.uk", "mx.example.co.uk", "550 5.1.1 Mailbox disabled")),
  ];
  const senders = new Map([
    ["AAAAA1", "news@shop.example"],
    ["AAAAA2", ""],
  ]);

  it("counts relays by host and domain, recipient and sender domains, and reply texts, most frequent first", () => {
    const result = breakdown(events, { senders, maskRecipients: false });
    expect(result.relayDomains).toEqual([
      { value: "google.com", count: 2 },
      { value: "example.co.uk", count: 1 },
    ]);
    expect(result.relays[0]).toEqual({ value: "alt1.gmail-smtp-in.l.google.com", domain: "google.com", count: 1 });
    expect(result.recipientDomains).toEqual([
      { value: "gmail.com", count: 2 },
      { value: "example.co.uk", count: 1 },
    ]);
    expect(result.senderDomains).toEqual([
      { value: SENDER_NOT_FOUND, count: 1 },
      { value: NULL_SENDER, count: 1 },
      { value: "shop.example", count: 1 },
    ]);
    expect(result.replies).toEqual([
      { text: "550 5.1.1 <{address}>: User unknown", stage: "RCPT TO", count: 2 },
      { text: "550 5.1.1 Mailbox disabled", stage: "RCPT TO", count: 1 },
    ]);
  });

  it("samples the first line of each reason first, then others up to three, in time order, recipients masked on request", () => {
    const two = breakdown(events.slice(0, 2).concat(events[2]!, events[2]!), { senders: null, maskRecipients: true });
    expect(two.samples.map((event) => event.timestamp)).toEqual([events[1]!.timestamp, events[2]!.timestamp, events[2]!.timestamp]);
    const result = breakdown(events, { senders: null, maskRecipients: true });
    expect(result.senderDomains).toBeNull();
    expect(result.samples.map((event) => event.timestamp)).toEqual([events[1]!.timestamp, events[2]!.timestamp, events[0]!.timestamp]);
    expect(result.samples[0]!.message).toContain("to=<…@gmail.com>");
    expect(result.samples[0]!.message).not.toContain("a@gmail.com");
  });
});

describe(registeredDomain.name, () => {
  it.each([
    ["gmail-smtp-in.l.google.com", "google.com"],
    ["hotmail-com.olc.protection.outlook.com", "outlook.com"],
    ["mx.example.co.uk", "example.co.uk"],
    ["mail.example.com.au", "example.com.au"],
    ["Example.COM.", "example.com"],
    ["127.0.0.1", "127.0.0.1"],
    ["2a00:1450:4013:c06::1b", "2a00:1450:4013:c06::1b"],
  ])("%s → %s", (host, domain) => expect(registeredDomain(host)).toBe(domain));
});
