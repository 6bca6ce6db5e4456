// Real lines from the public corpus (test/queries/postfix-lines.txt), read as explain reads them.
import { describe, expect, it } from "vitest";
import { readDeliveryLine } from "../../../src/pipeline/explain/delivery-line.js";
import { maskReply } from "../../../src/pipeline/explain/mask-reply.js";

// jtojnar/nixfiles issue #13 (anonymised by its poster): Gmail's 5.7.26.
const GMAIL_5726 =
  "Jan 02 07:31:13 azazel postfix/smtp[1050192]: 251A3372458: to=<foo@gmail.com>, relay=gmail-smtp-in.l.google.com[2a00:1450:4013:c06::1b]:25, delay=0.79, delays=0.04/0.05/0.2/0.5, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[2a00:1450:4013:c06::1b] said: 550-5.7.26 Your email has been blocked because the sender is unauthenticated. 550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM. 550-5.7.26  550-5.7.26  Authentication results: 550-5.7.26  DKIM = did not pass 550-5.7.26  SPF [mxproxy.ogion.cz] with ip: [2a03:3b40:fe:81::1] = did not pass 550-5.7.26  550-5.7.26  For instructions on setting up authentication, go to 550 5.7.26  https://support.google.com/mail/answer/81126#authentication a640c23a62f3a-aac0eff19desi1759812166b.313 - gsmtp (in reply to end of DATA command))";

describe(readDeliveryLine.name, () => {
  it("reads a bounce: queue id, the host that replied, recipient, the reply and its stage", () => {
    const line = readDeliveryLine(GMAIL_5726);
    expect(line).toMatchObject({
      queueId: "251A3372458",
      host: "gmail-smtp-in.l.google.com",
      recipient: "foo@gmail.com",
      stage: "end of DATA",
    });
    expect(line.reply).toMatch(/^550-5\.7\.26 Your email has been blocked .* - gsmtp$/);
  });

  it("reads a success's reply inside status=sent (…), and the relay as the host", () => {
    // Hsn723/postfix_exporter exporter/postfix_exporter_test.go
    const line = readDeliveryLine(
      "Feb 24 16:18:40 letterman postfix/smtp[59649]: 5270320179: to=<hebj@telia.com>, relay=mail.telia.com[81.236.60.210]:25, delay=2017, delays=0.1/2017/0.03/0.05, dsn=2.0.0, status=sent (250 2.0.0 6FVIjIMwUJwU66FVIjAEB0 mail accepted for delivery)",
    );
    expect(line).toEqual({
      queueId: "5270320179",
      host: "mail.telia.com",
      recipient: "hebj@telia.com",
      reply: "250 2.0.0 6FVIjIMwUJwU66FVIjAEB0 mail accepted for delivery",
    });
  });

  it("reads a per-attempt line without to= and a refused greeting", () => {
    // whyscream/postfix-grok-patterns smtp_0024.yaml, smtp_0034.yaml (message part only)
    expect(
      readDeliveryLine(
        "2690D8044: host mta7.am0.yahoodns.net[66.196.118.34] said: 451 4.3.2 Internal error reading data (in reply to MAIL FROM command)",
      ),
    ).toEqual({
      queueId: "2690D8044",
      host: "mta7.am0.yahoodns.net",
      reply: "451 4.3.2 Internal error reading data",
      stage: "MAIL FROM",
    });
    expect(readDeliveryLine("40197AA: host mg2.egov.bg[213.91.191.86] refused to talk to me: 450 4.3.2 try again later")).toMatchObject({
      host: "mg2.egov.bg",
      reply: "450 4.3.2 try again later",
    });
  });

  it("reads a per-attempt reply whose own text holds status=… (…) to its stage", () => {
    // Only a `status=WORD (` before the reply wraps it in parentheses; one inside the reply is the remote's text.
    expect(
      readDeliveryLine(
        "2690D8044: host mx.example.net[192.0.2.1] said: 550 5.7.1 Message rejected, status=spam (score 12.5) (in reply to end of DATA command)",
      ),
    ).toEqual({
      queueId: "2690D8044",
      host: "mx.example.net",
      reply: "550 5.7.1 Message rejected, status=spam (score 12.5)",
      stage: "end of DATA",
    });
  });

  it("reads a line that does not start at a queue id, and a host given with its port", () => {
    // public page 70145588860 (the reason text as it appears inside status=deferred (…))
    expect(
      readDeliveryLine(
        "host mx1.example.com[192.0.2.26] said: 452-4.2.2 The recipient's inbox is out of storage space. Please direct the 452-4.2.2 recipient to 452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp 2adb3069b0e04-5b2f62e5bf2si3023960e87.215 - gsmtp (in reply to RCPT TO command)",
      ),
    ).toEqual({
      host: "mx1.example.com",
      reply:
        "452-4.2.2 The recipient's inbox is out of storage space. Please direct the 452-4.2.2 recipient to 452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp 2adb3069b0e04-5b2f62e5bf2si3023960e87.215 - gsmtp",
      stage: "RCPT TO",
    });
    // Postfix names a host with its port (namaddrport) in some lines, e.g. its XFORWARD warnings (smtp_proto.c).
    expect(
      readDeliveryLine(
        "Dec  4 10:00:00 mx postfix/smtp[1]: warning: host amavis.example.net[192.0.2.7]:10024 said: 502 5.5.1 Error: command not recognized (in reply to XFORWARD name/address command)",
      ),
    ).toMatchObject({
      host: "amavis.example.net",
      reply: "502 5.5.1 Error: command not recognized",
      stage: "XFORWARD name/address",
    });
  });

  it("reads a recipient logged without angle brackets", () => {
    // whyscream/postfix-grok-patterns local_0001.yaml, local_0002.yaml
    expect(
      readDeliveryLine(
        '2A22C263F6: to=user@hostname.example.com, orig_to=root@localhost, relay=local, delay=0.07, delays=0.04/0/0/0.03, dsn=2.0.0, status=sent (delivered to command: procmail -a "$EXTENSION")',
      ),
    ).toEqual({ queueId: "2A22C263F6", recipient: "user@hostname.example.com" });
    expect(
      readDeliveryLine(
        '892A0205B6: to=ghdsgfhdslfh@localhost, relay=local, delay=0.05, delays=0.02/0/0/0.02, dsn=5.1.1, status=bounced (unknown user: "ghdsgfhdslfh")',
      ).recipient,
    ).toBe("ghdsgfhdslfh@localhost");
  });

  it("ends a reply inside status=sent (…) at its last parenthesis, and reads a reply that is a bare code", () => {
    // kumina/postfix_exporter issue #76: amavis relays the next hop's reply inside its own
    expect(
      readDeliveryLine(
        "Nov 08 08:08:59 mx postfix-mx/content-filter/smtp[273144]: 4HnkK60lBRz6tl1: to=<a@b.c>, relay=192.168.1.1[192.168.1.1]:20202, delay=1.9, delays=1.7/0/0.05/0.18, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[192.168.1.2]:10025): 250 2.0.0 Ok: queued as 4HnkK74hXyz6tl6)",
      ).reply,
    ).toBe("250 2.0.0 from MTA(smtp:[192.168.1.2]:10025): 250 2.0.0 Ok: queued as 4HnkK74hXyz6tl6");
    // A reply's text is optional (RFC 5321 section 4.2: Reply-code [ SP textstring ]).
    expect(readDeliveryLine("40197AA: host mg2.egov.bg[213.91.191.86] refused to talk to me: 421")).toMatchObject({ reply: "421" });
    expect(
      readDeliveryLine(
        "Dec  4 10:00:00 mx postfix/smtp[1]: 5270320179: to=<hebj@telia.com>, relay=mail.telia.com[81.236.60.210]:25, delay=0.2, delays=0.1/0/0.05/0.05, dsn=2.0.0, status=sent (250)",
      ).reply,
    ).toBe("250");
  });

  it("has no reply on a line without one", () => {
    expect(
      readDeliveryLine(
        'Mar  8 21:12:27 Gonzalez postfix/local[15604]: 344EF17E5004: to=<someone@somedomain.com>, relay=local, delay=9.3, delays=9.3/0/0/0.05, dsn=5.1.1, status=bounced (unknown user: "someone")',
      ),
    ).toEqual({
      queueId: "344EF17E5004",
      recipient: "someone@somedomain.com",
    });
  });
});

describe(maskReply.name, () => {
  it("keeps what says why Gmail refused, and masks the addresses and the tracking token", () => {
    const masked = maskReply(readDeliveryLine(GMAIL_5726).reply!);
    expect(masked).toContain("DKIM = did not pass");
    expect(masked).toContain("SPF [mxproxy.ogion.cz] with ip: [{ip}] = did not pass");
    expect(masked).toContain("https://support.google.com/mail/answer/81126#authentication {id} - gsmtp");
    expect(masked).not.toContain("a640c23a62f3a");
  });

  it("gives two rejections of different recipients one text", () => {
    const a = maskReply("550 5.1.1 <unknown.4@outlook.test>: Recipient address rejected: User unknown");
    const b = maskReply("550 5.1.1 <unknown.20@example.test>: Recipient address rejected: User unknown");
    expect(a).toBe("550 5.1.1 <{address}>: Recipient address rejected: User unknown");
    expect(b).toBe(a);
  });

  it("masks queue ids and ids of successes, and IPs in a URL, keeping host names and codes", () => {
    expect(maskReply("250 2.0.0 Ok: queued as 4T02Hr4S5hz9vf6k")).toBe("250 2.0.0 Ok: queued as {id}");
    expect(maskReply("250 2.0.0 Ok: queued as 1000B")).toBe("250 2.0.0 Ok: queued as {id}");
    expect(maskReply("250 OK id=10017")).toBe("250 OK id={id}");
    expect(maskReply("451 DT:SPM 163 mx13,P8CowECpNVM_oEVaenoEAQ--.23796S3 1514512449, please try again 15min later")).toBe(
      "451 DT:SPM 163 mx13,{id} {id}, please try again 15min later",
    );
    expect(
      maskReply(
        "554-gmx.net (mxgmx114) Nemesis ESMTP Service not available 554 For explanation visit http://postmaster.gmx.com/en/error-messages?ip=178.254.18.246&c=rdns",
      ),
    ).toBe(
      "554-gmx.net ({id}) Nemesis ESMTP Service not available 554 For explanation visit http://postmaster.gmx.com/en/error-messages?ip={ip}&c=rdns",
    );
    expect(maskReply("421 4.7.0 greet421.peer.test Service not available, closing transmission channel")).toBe(
      "421 4.7.0 greet421.peer.test Service not available, closing transmission channel",
    );
  });

  it("masks times", () => {
    expect(maskReply("451 4.7.1 try again after 2026-11-29T00:40:00Z (at 00:35:12)")).toBe("451 4.7.1 try again after {time} (at {time})");
  });
});
