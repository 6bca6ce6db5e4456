// Makes names and dimension values acceptable to PutMetricData: ASCII only, no control characters,
// at least one non-whitespace character, at most 255 (names) or 1024 (values) characters (API
// reference: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Dimension.html,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html;
// docs/cloudwatch-facts.md#metric-names). Rules, in order:
// 1. printable ASCII passes unchanged;
// 2. a domain-like value with non-ASCII letters becomes punycode (`bücher.example` → `xn--bcher-kva.example`),
//    and so does the domain of an address (`anna@bücher.example` → `anna@xn--bcher-kva.example`);
// 3. any other non-ASCII or control character is percent-encoded as its UTF-8 bytes (`é` → `%C3%A9`,
//    tab → `%09`), which keeps distinct values distinct;
// 4. a result longer than the limit is cut to the limit;
// 5. a result that is empty or only whitespace cannot be made valid: the caller reports it.
import { domainToASCII } from "node:url";

export const NAME_MAX = 255;
export const VALUE_MAX = 1024;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const DOMAIN_LIKE = /^[^\s@/:\\]+(?:\.[^\s@/:\\]+)+\.?$/;

/** The sanitised text, or undefined when it cannot be made valid (empty or whitespace only). */
export function sanitise(text: string, max: number): string | undefined {
  const ascii = PRINTABLE_ASCII.test(text) ? text : toAscii(text);
  const cut = ascii.length > max ? ascii.slice(0, max) : ascii;
  return cut.trim() === "" ? undefined : cut;
}

function toAscii(text: string): string {
  const at = text.lastIndexOf("@");
  if (at > 0 && DOMAIN_LIKE.test(text.slice(at + 1))) return `${percentEncode(text.slice(0, at))}@${punycode(text.slice(at + 1))}`;
  return DOMAIN_LIKE.test(text) ? punycode(text) : percentEncode(text);
}

function punycode(domain: string): string {
  if (PRINTABLE_ASCII.test(domain)) return domain;
  const ascii = domainToASCII(domain);
  return ascii === "" ? percentEncode(domain) : ascii;
}

function percentEncode(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) out += char;
    else for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
