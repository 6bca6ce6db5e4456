// What a command run in-process writes to stdout and stderr, kept instead of printed (the spies go
// with vi.restoreAllMocks()).
import { vi } from "vitest";

export interface Printed {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function keepPrinted(): Printed {
  const printed: Printed = { stdout: [], stderr: [] };
  for (const stream of ["stdout", "stderr"] as const) {
    vi.spyOn(process[stream], "write").mockImplementation((text: string | Uint8Array, ...rest: unknown[]) => {
      printed[stream].push(String(text));
      (rest.find((arg) => typeof arg === "function") as (() => void) | undefined)?.();
      return true;
    });
  }
  return printed;
}
