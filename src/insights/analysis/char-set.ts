// A set of characters for the static analysis of strings (string-shape.ts): each ASCII character
// one by one, everything beyond ASCII as one member. Metric names are made printable ASCII before
// they are published, so that is the precision that matters.

const ASCII_BITS = 128n;
const ALL_ASCII = (1n << ASCII_BITS) - 1n;

const bit = (code: number): bigint => 1n << BigInt(code);

export class CharSet {
  private constructor(
    /** Bit c is set when ASCII character c is in the set. */
    private readonly ascii: bigint,
    /** Whether any character beyond ASCII is in the set. */
    readonly beyondAscii: boolean,
  ) {}

  static readonly EMPTY = new CharSet(0n, false);
  static readonly ALL = new CharSet(ALL_ASCII, true);

  /** The characters of `text`. */
  static of(text: string): CharSet {
    let ascii = 0n;
    let beyond = false;
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (code < 128) ascii |= bit(code);
      else beyond = true;
    }
    return new CharSet(ascii, beyond);
  }

  /** Characters from `from` to `to` (code points), inclusive. */
  static range(from: number, to: number): CharSet {
    const top = Math.min(to, 127);
    const ascii = from > top ? 0n : ((1n << BigInt(top - from + 1)) - 1n) << BigInt(from);
    return new CharSet(ascii, to >= 128);
  }

  union(other: CharSet): CharSet {
    return new CharSet(this.ascii | other.ascii, this.beyondAscii || other.beyondAscii);
  }

  intersect(other: CharSet): CharSet {
    return new CharSet(this.ascii & other.ascii, this.beyondAscii && other.beyondAscii);
  }

  /** The set without the ASCII character `char` (a character beyond ASCII cannot be taken out alone). */
  without(char: string): CharSet {
    const code = char.codePointAt(0)!;
    return code < 128 ? new CharSet(this.ascii & ~bit(code), this.beyondAscii) : this;
  }

  complement(): CharSet {
    return new CharSet(ALL_ASCII & ~this.ascii, true);
  }

  isEmpty(): boolean {
    return this.ascii === 0n && !this.beyondAscii;
  }

  has(char: string): boolean {
    const code = char.codePointAt(0)!;
    return code < 128 ? (this.ascii & bit(code)) !== 0n : this.beyondAscii;
  }

  /** Whether every member is a printable ASCII character (space to `~`). */
  isPrintableAscii(): boolean {
    return !this.beyondAscii && (this.ascii & ~CharSet.range(0x20, 0x7e).ascii) === 0n;
  }

  /** The set with each ASCII character replaced by `map(char)`; characters beyond ASCII stay. */
  mapAscii(map: (char: string) => string): CharSet {
    let result = new CharSet(0n, this.beyondAscii);
    for (let code = 0; code < 128; code++) {
      if ((this.ascii & bit(code)) !== 0n) result = result.union(CharSet.of(map(String.fromCharCode(code))));
    }
    return result;
  }

  /** One member, for examples in messages: a letter or digit when there is one. */
  sample(): string | undefined {
    for (const preferred of PREFERRED) {
      const both = this.ascii & preferred;
      // The lowest set bit: both & -both isolates it.
      if (both !== 0n) return String.fromCharCode((both & -both).toString(2).length - 1);
    }
    return this.beyondAscii ? "\u00e9" : undefined;
  }
}

/** Lower-case letters, digits, upper-case letters, other printable characters, then the rest of ASCII. */
const PREFERRED = [
  [0x61, 0x7a],
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x20, 0x7e],
  [0, 127],
].map(([from, to]) => ((1n << BigInt(to! - from! + 1)) - 1n) << BigInt(from!));
