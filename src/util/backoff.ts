// The one backoff formula: the nth wait (n from 0) grows by `factor` from `first` up to `max`, and is
// drawn from the upper half of that ceiling, [ceiling/2, ceiling] ("equal jitter", AWS Architecture
// Blog, "Exponential Backoff And Jitter"): callers that retry at once spread out, yet none waits
// less than half the ceiling.

export interface Backoff {
  /** The ceiling of the first wait, ms. */
  readonly first: number;
  readonly factor: number;
  /** The largest ceiling, ms. */
  readonly max: number;
}

/** The nth wait in ms; `random` gives a number in [0, 1) (Clock.random, so tests choose it). */
export function backoffDelay(backoff: Backoff, n: number, random: () => number): number {
  const ceiling = Math.min(backoff.max, backoff.first * backoff.factor ** n);
  return ceiling / 2 + random() * (ceiling / 2);
}
