// Remote reply texts with their volatile parts masked, so that replies giving the same reason
// group together: `550 5.1.1 <anna@example.org>: User unknown` and `… <bob@example.org>: …` are
// one reason. Masked: times, mail addresses, IP addresses, the tracking token before Gmail's
// ` - gsmtp` (`a640c23a62f3a-aac0eff19desi1759812166b.313`), queue and message ids (hex runs such
// as `1000B`, tokens of eight or more characters mixing letters and digits). Kept: URLs (the
// provider's help page names the reason; only an IP address inside is masked), host names, and
// enhanced status codes (`5.7.26` is no IP address: it has three parts).

const TIMES: readonly RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2}(?: [+-]\d{4})?/g,
  /\b\d{1,2}:\d{2}:\d{2}\b/g,
];
const ADDRESS = /[^\s<>@()[\]"',;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/g;
const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)(?!\w)/g;
const IPV6 = /(?<![\w:])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g;
const URL = /\bhttps?:\/\/\S+/g;
const GSMTP_TOKEN = /\S+(?= - gsmtp\b)/g;
const TOKEN = /[A-Za-z0-9_.-]+/g;
const HOSTNAME = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z-]*$/;

export function maskReply(text: string): string {
  let masked = TIMES.reduce((current, pattern) => current.replace(pattern, "{time}"), text);
  masked = masked.replace(ADDRESS, "{address}").replace(IPV4, "{ip}").replace(IPV6, "{ip}");
  const urls: string[] = [];
  masked = masked.replace(URL, (url) => `\uE000${urls.push(url) - 1}\uE000`);
  masked = masked.replace(GSMTP_TOKEN, "{id}").replace(TOKEN, (token) => (isId(token) ? "{id}" : token));
  return masked.replace(/\uE000(\d+)\uE000/g, (_, index: string) => urls[Number(index)]!);
}

/** A queue or message id: a hex run of 5 or more with a digit, or 8+ letters and digits mixed that is no host name. */
function isId(token: string): boolean {
  const core = token.replace(/^[.-]+|[.-]+$/g, "");
  if (/^[0-9A-F]{5,}$/.test(core) && /\d/.test(core)) return true;
  return core.length >= 8 && /\d/.test(core) && /[A-Za-z]/.test(core) && !HOSTNAME.test(core);
}

/** The line with the local part of every mail address replaced, for sharing (--mask-recipients). */
export function maskAddresses(line: string): string {
  return line.replace(/([^\s<>@()[\]"',;:=]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)/g, "…@$2");
}
