// Time is a parameter: the CLI passes the real clock (or --now), tests pass a fake one and never wait.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1), for jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
  random: Math.random,
};

/** The system clock shifted so that it reads `start` now: `--now` fixes the windows, yet waits still pass. */
export function clockStartingAt(start: number, base: Clock = systemClock): Clock {
  const offset = start - base.now();
  return { ...base, now: () => base.now() + offset };
}
