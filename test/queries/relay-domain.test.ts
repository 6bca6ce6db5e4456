// Rule 6 of postfix-smtp-status (docs/postfix-counting-rules.md#smtp-status-provider): the
// replying host's relayDomain, and the provider the shipped table names for it, on real lines of
// the public corpus (test/queries/postfix-lines.txt).
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../src/insights/compile.js";
import { groupedBy } from "../../src/insights/analysis/event-fields.js";
import { mappedValue } from "../../src/metrics/dimension-values.js";
import { EVENT_TIME, shippedDefinition } from "./shipped-query.js";

const definition = shippedDefinition("postfix-smtp-status");
const grouped = groupedBy(definition.query, ["relayDomain"]);

function relayDomainOf(line: string): string | undefined {
  if (!("text" in grouped)) throw new Error(grouped.problem);
  const execution = compileQuery(grouped.text).start();
  execution.push({ timestamp: EVENT_TIME, message: line });
  const rows = execution.finish().rows;
  expect(rows).toHaveLength(1);
  return rows[0]!.find((cell) => cell.field === "relayDomain")?.value;
}

const LINES: readonly [string, string, string, string][] = [
  [
    "Gmail's 5.7.26 (jtojnar/nixfiles issue #13): the host that said it",
    "Jan 02 07:31:13 azazel postfix/smtp[1050192]: 251A3372458: to=<foo@gmail.com>, relay=gmail-smtp-in.l.google.com[2a00:1450:4013:c06::1b]:25, delay=0.79, delays=0.04/0.05/0.2/0.5, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[2a00:1450:4013:c06::1b] said: 550-5.7.26 Your email has been blocked because the sender is unauthenticated. 550 5.7.26 - gsmtp (in reply to end of DATA command))",
    "google.com",
    "Google",
  ],
  [
    "Outlook (a Go test table, corpus 3b)",
    "postfix/smtp[1214283]: 29A5960616: to=<wined54@hotmail.com>, relay=hotmail-com.olc.protection.outlook.com[104.47.6.33]:25, delay=12, delays=0.05/0/1.5/10, dsn=5.7.1, status=bounced (host hotmail-com.olc.protection.outlook.com[104.47.6.33] said: 550 5.7.1 Service unavailable, MailFrom domain is listed in Sp",
    "outlook.com",
    "Microsoft",
  ],
  [
    "Yahoo on a per-attempt line (whyscream smtp_0024)",
    "2690D8044: host mta7.am0.yahoodns.net[66.196.118.34] said: 451 4.3.2 Internal error reading data (in reply to MAIL FROM command)",
    "yahoodns.net",
    "Yahoo",
  ],
  [
    "SASL: server instead of host (whyscream smtp_0032 shape, Gmail's submission host)",
    "D0F29603B4: SASL authentication failed; server smtp.gmail.com[1.2.3.4] said: 535 5.7.8 Error: authentication failed",
    "gmail.com",
    "Google",
  ],
  [
    "a success: the relay (Hsn723/postfix_exporter test file)",
    "Feb 24 16:18:40 letterman postfix/smtp[59649]: 5270320179: to=<hebj@telia.com>, relay=mail.telia.com[81.236.60.210]:25, delay=2017, delays=0.1/2017/0.03/0.05, dsn=2.0.0, status=sent (250 2.0.0 6FVIjIMwUJwU66FVIjAEB0 mail accepted for delivery)",
    "telia.com",
    "other",
  ],
  [
    "an IPv6 loopback relay is itself (sergeymakinen/postfix_exporter issue #27)",
    "Nov 19 17:38:53 email postfix/smtp[31942]: BEE166C44CC: to=<user@domain.tld>, relay=::1[::1]:24, delay=0.03, delays=0.02/0/0/0, dsn=4.0.0, status=deferred (host ::1[::1] said: 451 Temporary internal failure - queue message failed (in reply to end of DATA command))",
    "::1",
    "other",
  ],
  [
    "an IPv4 relay is itself, not its last two numbers (whyscream smtp_0001)",
    "7EE668039: to=<admin@example.com>, relay=127.0.0.1[127.0.0.1]:2525, delay=3.6, delays=0.2/0.02/0.04/3.3, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 153053D)",
    "127.0.0.1",
    "other",
  ],
];

describe("postfix-smtp-status relayDomain and Provider", () => {
  it.each(LINES)("%s", (_, line, domain, provider) => {
    const relayDomain = relayDomainOf(line);
    expect(relayDomain).toBe(domain);
    expect(mappedValue(relayDomain!, definition.metric.dimensionValues!.Provider)).toBe(provider);
  });
});
