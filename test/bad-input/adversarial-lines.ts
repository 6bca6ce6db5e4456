// Lines built to make the shipped queries' regexes backtrack: long runs of what their quantifiers
// eat, markers repeated so every position is a match start, and near-misses that fail only at the
// end. Each is built at any length by repeating a unit.
const REAL =
  "Nov 28 10:02:00 mx postfix/smtp[4242]: 4A1B2C3D4E: to=<u@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1, delays=0/0/0/1, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.26] said: 550-5.7.26 Unauthenticated sender";

export interface AdversarialLine {
  readonly name: string;
  /** The line at `length` characters (UTF-16 units; all ASCII, so also bytes). */
  readonly build: (length: number) => string;
}

const repeat = (unit: string, length: number, prefix = "", suffix = ""): string =>
  prefix +
  unit
    .repeat(Math.max(0, Math.ceil((length - prefix.length - suffix.length) / unit.length)))
    .slice(0, Math.max(0, length - prefix.length - suffix.length)) +
  suffix;

export const ADVERSARIAL_LINES: readonly AdversarialLine[] = [
  { name: "digits", build: (n) => repeat("1", n) },
  { name: "said: repeated", build: (n) => repeat("said: ", n) },
  { name: "said: 550 repeated", build: (n) => repeat("said: 550", n) },
  { name: "said: 550- then 5.5.5.5…", build: (n) => repeat("5.", n, "said: 550-") },
  { name: "5.5.5.5…", build: (n) => repeat("5.", n) },
  { name: "dsn= repeated", build: (n) => repeat("dsn=", n) },
  { name: "dsn=5.5.5 repeated (near miss)", build: (n) => repeat("dsn=5.5.5", n) },
  { name: "dsn=5.55555… (near miss)", build: (n) => repeat("5", n, "dsn=5.5") },
  { name: "dsn=…, status= then a-a-a…", build: (n) => repeat("a-", n, "dsn=5.1.1, status=") },
  { name: "status=sent ( repeated", build: (n) => repeat("status=sent (", n) },
  { name: "refused to talk to me: repeated", build: (n) => repeat("refused to talk to me: ", n) },
  { name: "said: 5555… (reply near miss)", build: (n) => repeat("5", n, "said: ") },
  { name: "said: 550 5.7.1 repeated", build: (n) => repeat("said: 550 5.7.1 ", n) },
  { name: "said: 550- repeated", build: (n) => repeat("said: 550-", n) },
  { name: "spaces", build: (n) => repeat(" ", n) },
  { name: "real bounce, then x x x…", build: (n) => repeat(" x", n, REAL) },
  { name: "real bounce, then spaces and no end", build: (n) => repeat(" ", n, REAL, "!") },
];
