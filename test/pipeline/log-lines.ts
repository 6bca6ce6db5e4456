// The log of run and backfill as a test compares it: each line starts with its time
// (src/cli/log.ts); `untimed` checks that every line does, and strips it.
const TIMED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z /;

export function untimed(text: string): string {
  return text
    .split("\n")
    .map((line, i) => {
      if (line === "") return line;
      if (!TIMED.test(line)) throw new Error(`line ${i + 1} does not start with its time: ${JSON.stringify(line)}`);
      return line.replace(TIMED, "");
    })
    .join("\n");
}
