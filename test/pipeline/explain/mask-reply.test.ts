// What explain's breakdown shows of a remote reply: the reason kept, what names a person, a host of
// theirs or one message masked. Replies are from the public corpus (test/queries/postfix-lines.txt)
// where it has them.
import { describe, expect, it } from "vitest";
import { readDeliveryLine } from "../../../src/pipeline/explain/delivery-line.js";
import { maskAddresses, maskReply } from "../../../src/pipeline/explain/mask-reply.js";

const replyOf = (line: string) => readDeliveryLine(line).reply!;

// kumina/postfix_exporter issue #36: the sending IPv6 address in full (no `::`), and an http URL.
const GMAIL_LOW_REPUTATION = replyOf(
  "Jan 25 21:25:22 eugeni/eugeni postfix/smtp[558]: DBF82E05E7: to=<[REDACTED]@gmail.com>, orig_to=<REDACTED@torproject.org>, relay=gmail-smtp-in.l.google.com[2a00:1450:400c:c00::1a]:25, delay=2.1, delays=1.7/0/0.12/0.21, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[2a00:1450:400c:c00::1a] said: 550-5.7.1 [2a01:4f8:fff0:4f:266:37ff:fe48:41b8      19] Our system has detected 550-5.7.1 that this message is likely suspicious due to the very low reputation 550-5.7.1 of the sending domain. To best protect our users from spam, the 550-5.7.1 message has been blocked. Please visit 550 5.7.1  https://support.google.com/mail/answer/188131 for more information. e13si14120901wrq.457 - gsmtp (in reply to end of DATA command))",
);
// whyscream/postfix-grok-patterns smtp_0018.yaml
const GMAIL_UNSOLICITED = replyOf(
  "4E74613FE76: to=<redacted@gmail.com>, relay=gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b]:25, delay=1.9, delays=0.05/0/1.1/0.71, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[2607:f8b0:400e:c04::1b] said: 550-5.7.1 [2607:4100:3:25:100::2      12] Our system has detected that this 550-5.7.1 message is likely unsolicited mail. To reduce the amount of spam sent 550-5.7.1 to Gmail, this message has been blocked. Please visit 550-5.7.1 http://support.google.com/mail/bin/answer.py?hl=en&answer=188131 for 550 5.7.1 more information. qc12si8475009pab.211 - gsmtp (in reply to end of DATA command))",
);

describe(maskReply.name, () => {
  it("masks the sender's IP address, full or shortened, and keeps the multi-line codes and Gmail's help links whole", () => {
    expect(maskReply(GMAIL_LOW_REPUTATION)).toBe(
      "550-5.7.1 [{ip}      19] Our system has detected 550-5.7.1 that this message is likely suspicious due to the very low reputation 550-5.7.1 of the sending domain. To best protect our users from spam, the 550-5.7.1 message has been blocked. Please visit 550 5.7.1  https://support.google.com/mail/answer/188131 for more information. {id} - gsmtp",
    );
    expect(maskReply(GMAIL_UNSOLICITED)).toBe(
      "550-5.7.1 [{ip}      12] Our system has detected that this 550-5.7.1 message is likely unsolicited mail. To reduce the amount of spam sent 550-5.7.1 to Gmail, this message has been blocked. Please visit 550-5.7.1 http://support.google.com/mail/bin/answer.py?hl=en&answer=188131 for 550 5.7.1 more information. {id} - gsmtp",
    );
  });

  it("masks an address whatever its domain: a sub-domain, or a bare host name", () => {
    // whyscream/postfix-grok-patterns smtp_0026.yaml
    expect(
      maskReply(
        "450 4.2.0 <whatever-user@lists.example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/lists.example.org.html",
      ),
    ).toBe("450 4.2.0 <{address}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/lists.example.org.html");
    // The recipient of a forum post's lmtp line (to=<sys-user@domain>), rejected as an unknown user.
    expect(maskReply("550 5.1.1 <sys-user@domain>: Recipient address rejected: User unknown in local recipient table")).toBe(
      "550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table",
    );
  });

  it("masks a time in ISO form with or without seconds, fraction and zone", () => {
    expect(maskReply("451 4.7.1 Greylisted until 2026-11-29 00:40, try again later")).toBe(
      "451 4.7.1 Greylisted until {time}, try again later",
    );
    expect(maskReply("451 4.7.1 Greylisted until 2026-11-29 00:40:05 (local time)")).toBe("451 4.7.1 Greylisted until {time} (local time)");
    expect(maskReply("421 4.7.0 Rate limited until 2026-11-29T00:40:05.123Z")).toBe("421 4.7.0 Rate limited until {time}");
    expect(maskReply("421 4.7.0 Rate limited until 2026-11-29T01:40:05+01:00")).toBe("421 4.7.0 Rate limited until {time}");
    expect(maskReply("421 4.7.0 Rate limited until 2026-11-28T19:40:05-0500")).toBe("421 4.7.0 Rate limited until {time}");
  });

  it("masks a time in a greeting's RFC 5322 form, with or without its zone", () => {
    expect(maskReply("421 4.3.2 mx.example.net Too many connections; Fri, 04 Dec 2026 13:46:31 +0100")).toBe(
      "421 4.3.2 mx.example.net Too many connections; {time}",
    );
    expect(maskReply("421 4.3.2 mx.example.net Too many connections; Thu, 3 Dec 2026 09:05:00")).toBe(
      "421 4.3.2 mx.example.net Too many connections; {time}",
    );
    expect(maskReply("554 5.7.1 Blocked since Sat, 28 Nov 2026 23:59:59 -0800 (see policy)")).toBe(
      "554 5.7.1 Blocked since {time} (see policy)",
    );
  });

  it("keeps every URL of a reply whole, however many", () => {
    const urls = Array.from({ length: 12 }, (_, i) => `https://postmaster.example.net/errors/${i}`);
    const reply = `554 5.7.1 Blocked, see ${urls.join(" and ")}`;
    expect(maskReply(reply)).toBe(reply);
  });

  it("masks ids set off by dots or dashes, and keeps numbers, codes and sizes that are no id", () => {
    expect(maskReply("250 2.0.0 Ok: queued as 1000B...")).toBe("250 2.0.0 Ok: queued as {id}");
    expect(maskReply("250 2.0.0 Ok: queued as --1000B--")).toBe("250 2.0.0 Ok: queued as {id}");
    expect(maskReply("550 5.7.23 SPF validation failed, see RFC 7208.")).toBe("550 5.7.23 SPF validation failed, see RFC 7208.");
    expect(maskReply("421 4.4.2 Timeout after 30000ms")).toBe("421 4.4.2 Timeout after 30000ms");
    expect(maskReply("550 5.7.1 Blocked, call our abuse desk at 0800-330-12345")).toBe(
      "550 5.7.1 Blocked, call our abuse desk at 0800-330-12345",
    );
  });

  it("masks a reference that starts like a host name but is none", () => {
    // The shape of Mimecast's references: 22 characters of base64 and the region with a number.
    expect(
      maskReply(
        "550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 [qlTxGBb6NLqkmLxzFDl3cg.us249]",
      ),
    ).toBe("550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 [{id}]");
  });

  it("masks whatever word stands before Gmail's ` - gsmtp`, even one that looks like no id", () => {
    expect(maskReply("421 4.7.0 Try again later, closing connection. u5si123 - gsmtp")).toBe(
      "421 4.7.0 Try again later, closing connection. {id} - gsmtp",
    );
  });
});

describe(maskAddresses.name, () => {
  it("hides the local part of every address on a line, the reply's included, and keeps the domain", () => {
    // public page 46668990145 (Dovecot setup notes)
    const line =
      "Feb  9 09:42:53 mail postfix/submission/lmtp[8984]: 2357C46AA9: to=<yourname@yourdomain.com>, relay=mail.yourdomain.com[private/dovecot-lmtp], delay=0.05, delays=0.01/0.01/0.02/0.02, dsn=5.1.1, status=bounced (host mail.yourdomain.com[private/dovecot-lmtp] said: 550 5.1.1 <yourname@yourdomain.com> User doesn't exist: yourname@yourdomain.com (in reply to RCPT TO command))";
    const masked = maskAddresses(line);
    expect(masked).not.toContain("yourname");
    expect(masked).toContain("to=<…@yourdomain.com>");
    expect(masked).toContain("said: 550 5.1.1 <…@yourdomain.com> User doesn't exist: …@yourdomain.com (in reply");
  });

  it("hides local parts of addresses without brackets or without a dot in the domain", () => {
    // whyscream/postfix-grok-patterns local_0001.yaml; a forum post's lmtp line
    expect(maskAddresses("2A22C263F6: to=user@hostname.example.com, orig_to=root@localhost, relay=local, delay=0.07")).toBe(
      "2A22C263F6: to=…@hostname.example.com, orig_to=…@localhost, relay=local, delay=0.07",
    );
    expect(maskAddresses("482325E782B: to=<sys-user@domain>, relay=host.domain[private/lmtp]")).toBe(
      "482325E782B: to=<…@domain>, relay=host.domain[private/lmtp]",
    );
  });
});
