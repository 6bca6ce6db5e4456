// The bin guard. Postfix's maillog_file stamps lines with whole seconds, and a line is logged a
// few milliseconds after the peer acts. So that every line lands in the same 5-minute UTC bin as
// the peer action that caused it, the peer never acts in the 2 seconds before, or the 1 second
// after, a bin boundary: such an action is held until boundary + 1 s. Expected counts can then
// bin by the peer's own clock, exactly.

export interface BinGuard {
  readonly binMs: number;
  /** Quiet time before each boundary. */
  readonly beforeMs: number;
  /** Quiet time after each boundary. */
  readonly afterMs: number;
}

export const BIN_MS = 5 * 60_000;
export const DEFAULT_GUARD: BinGuard = { binMs: BIN_MS, beforeMs: 2_000, afterMs: 1_000 };

/** Start of the bin holding `t` (UTC epoch ms; bins are aligned to the epoch, as bin(5m) is). */
export function binStart(t: number, binMs = BIN_MS): number {
  return Math.floor(t / binMs) * binMs;
}

/** The earliest time ≥ t outside every window [B − before, B + after) around a boundary B. */
export function guardRelease(t: number, guard: BinGuard = DEFAULT_GUARD): number {
  const next = Math.ceil(t / guard.binMs) * guard.binMs; // the boundary at or after t
  if (t >= next - guard.beforeMs) return next + guard.afterMs;
  const previous = next - guard.binMs;
  if (t < previous + guard.afterMs) return previous + guard.afterMs;
  return t;
}

/** The same guard with `marginMs` added on both sides, for events the peer only predicts. */
export function widen(guard: BinGuard, marginMs: number): BinGuard {
  return { binMs: guard.binMs, beforeMs: guard.beforeMs + marginMs, afterMs: guard.afterMs + marginMs };
}

/**
 * A silent peer cannot hold Postfix's greeting timeout, which fires `timeoutMs` after the last byte
 * Postfix read. When that would fall inside a (widened) guard window, the peer sends one byte at
 * the returned time, which restarts Postfix's per-read timer (smtp_per_record_deadline = no) so the
 * timeout fires just after the window. Null when no nudge is needed.
 */
export function timeoutNudge(lastByteAt: number, timeoutMs: number, guard: BinGuard, marginMs = 500): number | null {
  const expected = lastByteAt + timeoutMs;
  const release = guardRelease(expected, widen(guard, marginMs));
  return release === expected ? null : release - timeoutMs;
}
