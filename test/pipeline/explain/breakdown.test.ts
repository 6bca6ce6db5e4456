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

describe(`${breakdown.name} of lines that lack a part`, () => {
  // public page 57101006320 (a local bounce: no relay host, no remote reply); whyscream smtp_0024.yaml (a
  // per-attempt line: no recipient)
  const local = at(
    1,
    'Mar  8 21:12:27 Gonzalez postfix/local[15604]: 344EF17E5004: to=<someone@somedomain.com>, relay=local, delay=9.3, delays=9.3/0/0/0.05, dsn=5.1.1, status=bounced (unknown user: "someone")',
  );
  const attempt = at(
    2,
    "2690D8044: host mta7.am0.yahoodns.net[66.196.118.34] said: 451 4.3.2 Internal error reading data (in reply to MAIL FROM command)",
  );

  it("tallies what a line lacks as none on the line, and a sender without its qmgr line as not found", () => {
    const result = breakdown([local, attempt], { senders: new Map([["2690D8044", "Root"]]), maskRecipients: false });
    expect(result.relays).toEqual([
      { value: "(none on the line)", domain: "(none on the line)", count: 1 },
      { value: "mta7.am0.yahoodns.net", domain: "yahoodns.net", count: 1 },
    ]);
    expect(result.relayDomains).toEqual([
      { value: "(none on the line)", count: 1 },
      { value: "yahoodns.net", count: 1 },
    ]);
    expect(result.recipientDomains).toEqual([
      { value: "(none on the line)", count: 1 },
      { value: "somedomain.com", count: 1 },
    ]);
    // An unqualified sender (from=<root>, append_at_myorigin = no) is its own domain.
    expect(result.senderDomains).toEqual([
      { value: "(no qmgr from= line)", count: 1 },
      { value: "root", count: 1 },
    ]);
    expect(result.replies).toEqual([{ text: "451 4.3.2 Internal error reading data", stage: "MAIL FROM", count: 1 }]);
    expect(result.samples).toEqual([local, attempt]);
  });

  it("tallies a recipient without a local part under its domain", () => {
    const result = breakdown([at(1, local.message.replace("someone@somedomain.com", "@somedomain.com"))], {
      senders: null,
      maskRecipients: false,
    });
    expect(result.recipientDomains).toEqual([{ value: "somedomain.com", count: 1 }]);
  });
});

describe(`${breakdown.name} of replies`, () => {
  const reply = (seconds: number, id: string, text: string, stage: string) =>
    at(
      seconds,
      `Dec  4 10:00:0${seconds} mx postfix/smtp[1]: ${id}: to=<user${seconds}@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=0.1, delays=0/0/0/0, dsn=5.0.0, status=bounced (host mx.example.net[192.0.2.1] said: ${text} (in reply to ${stage} command))`,
    );
  const SPAM = "554 Transaction failed: message looks like spam";
  const FAILURE = "451 4.3.0 Temporary system failure, try again later";
  const UNAVAILABLE = "550 Requested action not taken: mailbox unavailable";
  const events = [
    reply(1, "AAAAA1", SPAM, "end of DATA"),
    reply(2, "AAAAA2", FAILURE, "RCPT TO"),
    reply(3, "AAAAA3", UNAVAILABLE, "RCPT TO"),
    reply(4, "AAAAA4", FAILURE, "end of DATA"),
    reply(5, "AAAAA5", UNAVAILABLE, "RCPT TO"),
    at(
      6,
      "Dec  4 10:00:06 mx postfix/smtp[1]: AAAAA6: host mx.example.net[192.0.2.1] refused to talk to me: 421 4.7.0 greet421.peer.test Service not available",
    ),
  ];

  it("groups by text and stage, the most frequent first, then in the order they first came", () => {
    expect(breakdown(events, { senders: null, maskRecipients: false }).replies).toEqual([
      { text: UNAVAILABLE, stage: "RCPT TO", count: 2 },
      { text: SPAM, stage: "end of DATA", count: 1 },
      { text: FAILURE, stage: "RCPT TO", count: 1 },
      { text: FAILURE, stage: "end of DATA", count: 1 },
      { text: "421 4.7.0 greet421.peer.test Service not available", count: 1 },
    ]);
  });

  it("shows the samples in time order, though the most frequent reply came later", () => {
    const samples = breakdown(events, { senders: null, maskRecipients: false }).samples;
    expect(samples.map((event) => event.timestamp)).toEqual([events[0]!.timestamp, events[1]!.timestamp, events[2]!.timestamp]);
  });

  it("gives the same breakdown whatever order the events come in, lines of the same moment by their text", () => {
    const same = [at(1, events[2]!.message), at(1, events[0]!.message), at(1, events[1]!.message)];
    const forward = breakdown(same, { senders: null, maskRecipients: false });
    const backward = breakdown([...same].reverse(), { senders: null, maskRecipients: false });
    expect(backward).toEqual(forward);
    expect(forward.samples.map((event) => event.message)).toEqual([events[0]!.message, events[1]!.message, events[2]!.message]);
  });

  it("shows lines of the same moment and text in the order the source gave them, each with its log stream", () => {
    // The same line ingested twice (two agents shipping one file): the samples say which stream had it first.
    const twice = [
      { ...at(1, events[0]!.message), logStream: "mx-1/maillog" },
      { ...at(1, events[0]!.message), logStream: "mx-1/journal" },
    ];
    const samples = breakdown(twice, { senders: null, maskRecipients: false }).samples;
    expect(samples.map((event) => event.logStream)).toEqual(["mx-1/maillog", "mx-1/journal"]);
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
    // NetEase's MX hosts (163.com) start with digits: a name, not an IP address.
    ["163mx01.mxmail.netease.com", "netease.com"],
    ["mailhub.corp.site1", "corp.site1"],
    // A relay without a domain (Hsn723/postfix_exporter issue #249: relay=smtp4dev-alpha[10.0.3.15]:2525).
    ["smtp4dev-alpha", "smtp4dev-alpha"],
    ["mg2.egov.bg", "egov.bg"],
    ["mx.go.com", "go.com"],
    // Each generic second level under a country code.
    ["mail.ox.ac.uk", "ox.ac.uk"],
    ["mx.example.edu.au", "example.edu.au"],
    ["mail.example.gov.uk", "example.gov.uk"],
    ["mx.example.net.au", "example.net.au"],
    ["mx.example.org.uk", "example.org.uk"],
    ["mx.example.or.jp", "example.or.jp"],
    ["vlmx20.secure.ne.jp", "secure.ne.jp"],
    ["mx.example.go.jp", "example.go.jp"],
  ])("%s → %s", (host, domain) => expect(registeredDomain(host)).toBe(domain));
});
