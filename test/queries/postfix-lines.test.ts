// Every line of the corpus of real Postfix lines (postfix-lines.txt beside this file, each with its
// public origin), with the metric each shipped query must count for it. The expectations below were
// written by hand from the counting rules (docs/postfix-counting-rules.md), line by line; never from
// the program's output.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countsOf, metricOf, runShipped } from "./shipped-query.js";

const CORPUS = new URL("postfix-lines.txt", import.meta.url);
const corpusLines = readFileSync(CORPUS, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"));

/** [a substring that identifies the line, postfix-smtp-status metric, postfix-delivery-status metric]. */
type Expectation = readonly [key: string, smtpStatus: string | null, deliveryStatus: string | null];

const EXPECTED: readonly Expectation[] = [
  // 1. status=sent: the reply in parentheses, dsn=2.0.0 (preferred over the reply's own code)
  ["5270320179", "250-2_0_0", "sent-2_0_0"],
  ["relay/smtp[8204]", "250-2_0_0", "sent-2_0_0"],
  ["B6CFE52606B3: to=", "250-2_0_0", "sent-2_0_0"],
  ["6226B60124", "250-2_0_0", "sent-2_0_0"], // "250 OK queued": no enhanced code, dsn= supplies it
  ["5FCA28903A: from=", null, null],
  ["relay/smtp[706]", "250-2_0_0", "sent-2_0_0"], // "250 Mail accepted"
  ["5FCA28903A: removed", null, null],
  ["4HnkK60lBRz6tl1", "250-2_0_0", "sent-2_0_0"], // nested amavis reply: counted once
  ["7EE668039", "250-2_0_0", "sent-2_0_0"], // appears twice (smtp and lmtp fixtures)
  ["0D9633D", "250-2_0_0", "sent-2_0_0"],
  ["AD6E41CDC05C", "250-2_0_0", "sent-2_0_0"],
  // 2. lmtp / local / virtual / pipe / error agents
  ["3A5444167F", "250-2_0_0", "sent-2_0_0"],
  ["2357C46AA9", "550-5_1_1", "bounced-5_1_1"],
  ["B89A141FAD", "215-2_0_0", "sent-2_0_0"], // 215 is a reply code too ([2-5]\d\d)
  ["5883D2F802C6", null, "deferred-4_4_2"], // lost connection: no reply
  ["482325E782B", null, "deferred-4_4_2"],
  ["199041033BE", null, "sent-2_0_0"], // delivered to maildir: no remote reply
  ["B657F2DB195D", null, "sent-2_0_0"],
  ["2A22C263F6", null, "sent-2_0_0"],
  ["892A0205B6", null, "bounced-5_1_1"],
  ["344EF17E5004", null, "bounced-5_1_1"],
  ["D837B1223CD", null, "bounced-5_1_1"],
  ["8866214854002", null, null], // old Postfix: no dsn=
  ["DCAC442C380", null, null],
  ["D32B0FBA96", null, null],
  ["9082BA31EB", null, "bounced-5_1_1"],
  ["0F5383D", null, "sent-2_0_0"],
  ["95ECE24E0", null, "bounced-5_4_6"],
  ["2F6C83D", null, "bounced-5_1_1"],
  ["BCAB3ABE0F31", null, "sent-2_0_0"],
  ["AE514ABE0FA4", null, null],
  ["25F2E5E061", null, "sent-2_0_0"], // "status=sent (test.example.com)": no reply code
  ["2DC5552A34", null, "deferred-4_4_2"],
  ["3E29030F8637E", null, "undeliverable-but-not-cached-5_1_1"],
  ["4cDCnd66Hyz1XPWFF", null, "deferred-4_4_1"],
  // 3. remote rejections
  ["251A3372458: to=", "550-5_7_26", "bounced-5_7_26"], // Gmail multi-line 550-5.7.26
  ["E504A372A05: message-id", null, null],
  ["251A3372458: sender non-delivery", null, null],
  ["DBF82E05E7", "550-5_7_1", "bounced-5_7_1"],
  ["4E74613FE76", "550-5_7_1", "bounced-5_7_1"],
  ["644D53D", "421-4_7_0", null], // informational: no dsn=, the reply's own 4.7.0
  ["host mx1.example.com[192.0.2.26]", "452-4_2_2", null],
  ["4D7BD1781307: SASL", "535-5_7_8", null], // SASL failure: a remote reply after "said: "
  ["A0E85200BD", "450-4_2_0", "deferred-4_2_0"],
  ["ED59C3D", "450-4_7_1", null],
  ["1234ABCDEF", "450-4_1_8", null],
  ["2690D8044", "451-4_3_2", null],
  ["D0F29603B4", "535-5_7_8", null],
  ["29A5960616", "550-5_7_1", "bounced-5_7_1"],
  ["mailchat.pl", "554-5_7_1", null], // fragment without dsn=
  ["732BB407C3: host mail.domain.com", null, null], // 451 without enhanced code, no dsn=: neither
  ["delay=6.2, delays=0.1/0/5.2/0.87", "451-4_0_0", "deferred-4_0_0"], // Postfix synthesised dsn=4.0.0
  ["delay=582, delays=563/16/1.7/0.81", "554-5_0_0", "bounced-5_0_0"],
  ["732BB407C3: sender non-delivery", null, null],
  ["BEE166C44CC", "451-4_0_0", "deferred-4_0_0"],
  ["3A3D26C44CC", null, null],
  ["4E9B6DACA3", "550-5_0_0", "bounced-5_0_0"], // "#5.1.0" is no enhanced code; dsn=5.0.0
  ["4BAF83CC22D", "550-4_0_0", "SOFTBOUNCE-4_0_0"], // soft_bounce: dsn= disagrees with the reply
  ["D8962E54", null, "SOFTBOUNCE-4_1_1"],
  ["04B0702E", "550-5_1_1", "bounced-5_1_1"],
  // 4. greeting rejected
  ["CA64A181B48", "554-4_0_0", "deferred-4_0_0"],
  ["CFED4217CF", null, null], // 554- without enhanced code, no dsn=
  ["E77201FB641", null, null],
  ["40197AA", "450-4_3_2", null],
  // 5. connection-level failures
  ["71857141C7A", null, "deferred-4_4_1"],
  ["75E8E1418E8", null, "deferred-4_4_1"],
  ["C93CEB08A046: to=", null, "deferred-4_4_1"],
  ["C93CEB08A046: from=", null, null], // qmgr expired: no dsn=
  ["B1B894562003", null, null],
  ["lfernando postfix/smtp[91736]: connect to", null, null],
  ["4D7BD1781307: to=", null, "deferred-4_4_1"],
  ["postfix/smtp[17813]", null, null],
  ["postfix/smtp[3517]", null, null],
  ["intern.nl", null, null],
  ["crabruzzo", null, null],
  ["aspmx.l.google.com", null, null],
  ["SSL_connect", null, null],
  ["connect to example.org[10.0.0.1]", null, null],
  ["ipv6-1.example.com", null, null],
  ["B99FE3D", null, null],
  ["745137AA", null, null],
  ["78D6B41", null, null],
  ["036B0F626C", null, "deferred-4_4_2"],
  ["8E7A0575C3", null, null],
  // 6. multi-recipient
  ["589AF1A8DB26: from=", null, null],
  ["connect to mail.linkedin.com", null, null],
  ["8496]: connect to mail-b.linkedin.com", null, null],
  ["to=<gmcmilla@linkedin.com>", null, "deferred-4_4_1"],
  ["to=<jfenton@linkedin.com>", null, "deferred-4_4_1"],
  ["to=<mcolin@linkedin.com>", null, "deferred-4_4_1"],
  // 7. expired / notifications
  ["BACE842E72", null, null],
  ["BACE842E73", null, null],
  ["585BC3F", null, null],
  ["17CCA8044", null, null],
  ["65AFB8B5", null, null],
  ["264FE1A18", null, null],
  ["482E4404AC8", null, null],
  // 8. timestamp and header variants
  ["IP_ADDRESS/smtpd", null, null],
  ["38E2AC2616", "452-4_2_2", "deferred-4_2_2"], // maillog_file line; "452-4.2.2 ...)"
  ["Απρ 15", null, null],
  ['"_COMM":"smtpd"', null, null], // journald JSON: a reject without "said: "
  ["Pixel-games", null, null],
  ["B6CFE52606B3: client=", null, null],
  ["pop3-login", null, null],
  // 9. inbound NOQUEUE reject: no "said: "
  ["postscreen[1234]", null, null],
  // 10. synthetic shapes
  ["(123 #1.2.3 Reasons)", null, "bounced-1_2_3"], // status=bounced, not sent: no reply for rule 1
  ["said: 12 Malformed", null, "deferred-1_2_3"], // "12" is not a reply code
  ["from=<user@example.com>>", null, null],
];

function expectationFor(line: string): Expectation {
  const matches = EXPECTED.filter(([key]) => line.includes(key));
  if (matches.length !== 1) throw new Error(`${matches.length} expectations match the line: ${line.slice(0, 120)}`);
  return matches[0]!;
}

describe("the shipped queries over postfix-lines.txt", () => {
  it("has an expectation for every line, and every expectation is used", () => {
    expect(corpusLines.length).toBeGreaterThan(100);
    const used = new Set(corpusLines.map((line) => expectationFor(line)[0]));
    expect(EXPECTED.filter(([key]) => !used.has(key)).map(([key]) => key)).toEqual([]);
  });

  describe.each(corpusLines.map((line) => [line.slice(0, 90), line] as const))("%s", (_, line) => {
    const [, smtpStatus, deliveryStatus] = expectationFor(line);
    it(`postfix-smtp-status: ${smtpStatus ?? "not counted"}`, () => {
      expect(metricOf("postfix-smtp-status", line)).toBe(smtpStatus);
    });
    it(`postfix-delivery-status: ${deliveryStatus ?? "not counted"}`, () => {
      expect(metricOf("postfix-delivery-status", line)).toBe(deliveryStatus);
    });
  });

  it.each(["postfix-smtp-status", "postfix-delivery-status"] as const)(
    "%s counts the whole corpus in one run as the table says",
    (name) => {
      const column = name === "postfix-smtp-status" ? 1 : 2;
      const expected: Record<string, number> = {};
      for (const line of corpusLines) {
        const metric = expectationFor(line)[column];
        if (metric !== null) expected[metric] = (expected[metric] ?? 0) + 1;
      }
      expect(countsOf(runShipped(name, corpusLines))).toEqual(expected);
    },
  );
});
