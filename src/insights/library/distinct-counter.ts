// count_distinct for stats. Exact while a group has at most EXACT_LIMIT distinct values; beyond
// that a HyperLogLog sketch (2^14 registers, about 1% standard error) so memory stays bounded
// per group. AWS documents its count_distinct as approximate at high cardinality too.

const EXACT_LIMIT = 10_000;
const P = 14;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);

export class DistinctCounter {
  private exact: Set<string> | null = new Set();
  private registers: Uint8Array | null = null;

  add(key: string): void {
    if (this.exact !== null) {
      this.exact.add(key);
      if (this.exact.size > EXACT_LIMIT) this.toSketch();
    } else this.addToSketch(key);
  }

  size(): number {
    if (this.exact !== null) return this.exact.size;
    const registers = this.registers as Uint8Array;
    let sum = 0;
    let zeros = 0;
    for (const r of registers) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const estimate = (ALPHA * M * M) / sum;
    // Small-range correction (linear counting), as in the HyperLogLog paper.
    return Math.round(estimate <= 2.5 * M && zeros > 0 ? M * Math.log(M / zeros) : estimate);
  }

  private toSketch(): void {
    const keys = this.exact ?? new Set<string>();
    this.exact = null;
    this.registers = new Uint8Array(M);
    for (const key of keys) this.addToSketch(key);
  }

  private addToSketch(key: string): void {
    const [high, low] = hash64(key);
    const index = high >>> (32 - P);
    // Rank of the first 1 bit in the remaining 50 bits (18 of `high`, then all of `low`).
    const rest = (high << P) >>> 0;
    const rank = rest !== 0 ? Math.clz32(rest) + 1 : 32 - P + Math.clz32(low) + 1;
    const registers = this.registers as Uint8Array;
    if (rank > (registers[index] ?? 0)) registers[index] = rank;
  }
}

/** Two independent 32-bit string hashes (cyrb53-style mixing), as one 64-bit hash. */
function hash64(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
