// What each named group of a regex can capture, as a shape (string-shape.ts): `(?<reply>[2-5]\d\d)`
// captures a digit 2-5 and two digits. Read from the pattern compileRegex accepted (no lookaround,
// no backreferences). \d and \w are ASCII, as in JavaScript without the u flag, Java, PCRE and RE2
// (each needs a Unicode mode to read them otherwise); `.` and the negated classes take anything.
// Whatever the walker does not follow gives "anything" for the groups it holds.
import { CharSet } from "./char-set.js";
import { EMPTY, concat, repeat, run, union, type Shape } from "./string-shape.js";

const DIGITS = CharSet.range(0x30, 0x39);
const WORD = DIGITS.union(CharSet.range(0x41, 0x5a)).union(CharSet.range(0x61, 0x7a)).union(CharSet.of("_"));
/** JavaScript's \s also holds Unicode spaces (beyond ASCII); the other engines hold fewer. */
const SPACE = CharSet.of(" \t\n\v\f\r").union(CharSet.range(0xa0, 0xa0));
const CLASS_ESCAPES: Readonly<Record<string, CharSet>> = {
  d: DIGITS,
  D: DIGITS.complement(),
  w: WORD,
  W: WORD.complement(),
  s: SPACE,
  S: CharSet.of(" \t\n\v\f\r").complement(),
};
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", "0": "\0" };

/** The shape of each named group; a group missing from the map can capture anything. */
export function groupShapes(body: string, ignoreCase: boolean): Map<string, Shape> {
  const walker = new Walker(body, ignoreCase);
  try {
    walker.alternation();
    return walker.pos === body.length ? walker.groups : new Map();
  } catch {
    return new Map();
  }
}

class Walker {
  pos = 0;
  readonly groups = new Map<string, Shape>();

  constructor(
    private readonly s: string,
    private readonly ignoreCase: boolean,
  ) {}

  alternation(): Shape {
    let shape = this.sequence();
    while (this.s[this.pos] === "|") {
      this.pos++;
      shape = union(shape, this.sequence());
    }
    return shape;
  }

  private sequence(): Shape {
    let shape = EMPTY;
    while (this.pos < this.s.length && this.s[this.pos] !== "|" && this.s[this.pos] !== ")") {
      const atom = this.atom();
      const [min, max] = this.quantifier();
      shape = concat(shape, repeat(atom, min, max));
    }
    return shape;
  }

  private atom(): Shape {
    const c = this.s[this.pos++]!;
    if (c === "\\") return this.chars(this.escape(false));
    if (c === "[") return this.chars(this.characterClass());
    if (c === "(") return this.group();
    if (c === "^" || c === "$") return EMPTY;
    if (c === ".") return run(CharSet.ALL);
    return this.chars(c);
  }

  private chars(member: Member): Shape {
    if (member === "zero-width") return EMPTY;
    const set = typeof member === "string" ? CharSet.of(member) : member;
    return run(this.ignoreCase ? set.mapAscii((c) => c.toLowerCase()).union(set.mapAscii((c) => c.toUpperCase())) : set);
  }

  /** After a backslash: a class escape's set, one character, or \b (zero-width outside a class). */
  private escape(inClass: boolean): Member {
    const c = this.s[this.pos++] ?? "";
    const named = CLASS_ESCAPES[c];
    if (named !== undefined) return named;
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return control;
    if (c === "b" || c === "B") return inClass ? "\b" : "zero-width";
    const code =
      c === "x"
        ? /^[0-9a-fA-F]{2}/.exec(this.s.slice(this.pos))
        : c === "u"
          ? /^[0-9a-fA-F]{4}/.exec(this.s.slice(this.pos))
          : c === "c"
            ? /^[A-Za-z]/.exec(this.s.slice(this.pos))
            : null;
    if (code !== null) {
      this.pos += code[0].length;
      return String.fromCharCode(c === "c" ? code[0].charCodeAt(0) % 32 : parseInt(code[0], 16));
    }
    // A letter or digit escape the engines read differently (\x without digits, \c1): not followed.
    if (/[A-Za-z0-9]/.test(c)) throw new Error(`escape \\${c}`);
    return c;
  }

  private characterClass(): CharSet {
    const negated = this.s[this.pos] === "^";
    if (negated) this.pos++;
    // JavaScript reads [] and [^] otherwise than the other engines: not followed here.
    if (this.s[this.pos] === "]") throw new Error("a class starting with ]");
    let set = CharSet.EMPTY;
    while (this.pos < this.s.length && this.s[this.pos] !== "]") {
      const from = this.classMember();
      if (this.s[this.pos] === "-" && this.pos + 1 < this.s.length && this.s[this.pos + 1] !== "]") {
        this.pos++;
        const to = this.classMember();
        const range =
          typeof from === "string" && typeof to === "string" ? CharSet.range(from.codePointAt(0)!, to.codePointAt(0)!) : undefined;
        set = set.union(range ?? asSet(from).union(asSet(to)).union(CharSet.of("-")));
      } else set = set.union(asSet(from));
    }
    if (this.s[this.pos] !== "]") throw new Error("unterminated class");
    this.pos++;
    return negated ? set.complement() : set;
  }

  private classMember(): string | CharSet {
    const c = this.s[this.pos++]!;
    return c === "\\" ? this.escape(true) : c;
  }

  /** After "(": a group, (?:…) or (?<name>…); compileRegex refuses every other "(?" (lookaround, flags). */
  private group(): Shape {
    const named = /^\?<([A-Za-z][A-Za-z0-9]*)>/.exec(this.s.slice(this.pos));
    if (named !== null) this.pos += named[0].length;
    else if (this.s.startsWith("?:", this.pos)) this.pos += 2;
    else if (this.s[this.pos] === "?") throw new Error("a group not followed");
    const inner = this.alternation();
    if (this.s[this.pos] !== ")") throw new Error("unclosed group");
    this.pos++;
    if (named !== null) this.groups.set(named[1]!, union(this.groups.get(named[1]!) ?? [], inner));
    return inner;
  }

  /** [min, max] of the quantifier after an atom: ?, *, +, {n}, {n,}, {n,m}, each maybe lazy. */
  private quantifier(): [number, number] {
    const c = this.s[this.pos];
    let bounds: [number, number] | undefined;
    if (c === "?") bounds = [0, 1];
    else if (c === "*") bounds = [0, Infinity];
    else if (c === "+") bounds = [1, Infinity];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.pos));
      if (m === null) return [1, 1];
      bounds = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3])];
      this.pos += m[0].length - 1;
    } else return [1, 1];
    this.pos++;
    if (this.s[this.pos] === "?") this.pos++;
    return bounds;
  }
}

/** One character, a set of them, or nothing (a zero-width assertion). */
type Member = string | CharSet | "zero-width";

const asSet = (member: string | CharSet): CharSet => (typeof member === "string" ? CharSet.of(member) : member);
