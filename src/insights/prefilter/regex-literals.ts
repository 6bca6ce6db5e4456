// The literal substrings a regex match must contain: for the prefilter. Conservative by design —
// whatever the walker does not understand contributes nothing, and a quantifier that allows zero
// repetitions drops the atom it applies to. The result is an OR-set (one of them must appear),
// or null when nothing can be said.
import { best, literalSet, union, type LiteralSet } from "./literal-set.js";

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v" };
/** What follows \x, \u and \c in the escape; without it (\xZ) JavaScript reads the letter itself. */
const ESCAPE_TAILS: Readonly<Record<string, RegExp>> = { x: /^[\dA-Fa-f]{2}/, u: /^[\dA-Fa-f]{4}/, c: /^[A-Za-z]/ };

export function requiredLiterals(body: string, ignoreCase: boolean): LiteralSet | null {
  const walker = new Walker(body, ignoreCase);
  const result = walker.alternation();
  return walker.pos === body.length ? result : null;
}

class Walker {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly ignoreCase: boolean,
  ) {}

  /** alt ("|" alt)*: one of the alternatives matched, so the union of their requirements. */
  alternation(): LiteralSet | null {
    let result = this.sequence();
    while (this.s[this.pos] === "|") {
      this.pos++;
      result = union(result, this.sequence());
    }
    return result;
  }

  /** Consecutive literal characters form runs; every run and mandatory group is required. */
  private sequence(): LiteralSet | null {
    let found: LiteralSet | null = null;
    let run = "";
    const flush = () => {
      if (run !== "") found = best(found, literalSet([run], this.ignoreCase));
      run = "";
    };
    while (this.pos < this.s.length && this.s[this.pos] !== "|" && this.s[this.pos] !== ")") {
      const atom = this.atom();
      const q = this.quantifier();
      if (atom.kind === "char") {
        if (q === "one") run += atom.char;
        else {
          if (q === "many") run += atom.char;
          flush();
        }
      } else {
        flush();
        if (atom.kind === "group" && q !== "optional") found = best(found, atom.required);
      }
    }
    flush();
    return found;
  }

  private atom(): { kind: "char"; char: string } | { kind: "group"; required: LiteralSet | null } | { kind: "other" } {
    const c = this.s[this.pos++] as string;
    if (c === "\\") return this.escape();
    if (c === "[") {
      this.skipClass();
      return { kind: "other" };
    }
    if (c === "(") return this.group();
    if (".^$".includes(c)) return { kind: "other" };
    return { kind: "char", char: c };
  }

  private escape(): { kind: "char"; char: string } | { kind: "other" } {
    const c = this.s[this.pos++] ?? "";
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return { kind: "char", char: control };
    // \d \w \s \b, backreferences, \x41, \u0041, \cX: not a plain literal for this walker.
    if (/[A-Za-z0-9]/.test(c)) {
      if (c === "k" && this.s[this.pos] === "<") this.pos = this.s.indexOf(">", this.pos) + 1 || this.s.length;
      // The digits or letter such an escape takes are part of it, not text to match (\x41 is "A").
      this.pos += ESCAPE_TAILS[c]?.exec(this.s.slice(this.pos))?.[0].length ?? 0;
      return { kind: "other" };
    }
    return { kind: "char", char: c };
  }

  /** Skips a class to its `]` (compileRegex refuses a `]` first in a class, which the engines read differently). */
  private skipClass(): void {
    while (this.pos < this.s.length && this.s[this.pos] !== "]") this.pos += this.s[this.pos] === "\\" ? 2 : 1;
    this.pos++;
  }

  private group(): { kind: "group"; required: LiteralSet | null } {
    let negative = false;
    if (this.s[this.pos] === "?") {
      const head = this.s.slice(this.pos, this.pos + 3);
      negative = head.startsWith("?!") || head.startsWith("?<!") || head.startsWith("?<=");
      if (head.startsWith("?<") && !head.startsWith("?<=") && !head.startsWith("?<!")) this.pos = this.s.indexOf(">", this.pos) + 1;
      else this.pos += head.startsWith("?<") ? 3 : 2;
    }
    const inner = this.alternation();
    this.pos++; // the closing ")"
    return { kind: "group", required: negative ? null : inner };
  }

  /** "one" (no quantifier), "many" (at least one: +, {n,} n>0), or "optional" (?, *, {0,...}). */
  private quantifier(): "one" | "many" | "optional" {
    const c = this.s[this.pos];
    let kind: "one" | "many" | "optional" = "one";
    if (c === "?" || c === "*") kind = "optional";
    else if (c === "+") kind = "many";
    else if (c === "{") {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.s.slice(this.pos));
      if (m === null) return "one";
      this.pos += m[0].length - 1;
      kind = Number(m[1]) === 0 ? "optional" : m[2] === undefined && m[1] === "1" ? "one" : "many";
    } else return "one";
    this.pos++;
    if (this.s[this.pos] === "?") this.pos++; // lazy
    return kind;
  }
}
