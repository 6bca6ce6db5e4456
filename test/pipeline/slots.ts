// The tests of a file run a few at a time (describe.concurrent + a slot each): a test starts its CLI
// children one after another, and a CLI run spends about half its time waiting on a poll, so three
// tests keep two cores busy. Vitest itself runs one test file at a time on a 2-core machine.

/** A limiter: `run(task)` starts the task once fewer than `size` tasks run. */
export function slots(size = 3): <T>(task: () => Promise<T>) => Promise<T> {
  let free = size;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}
