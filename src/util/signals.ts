// Ctrl-C and SIGTERM stop new work through an AbortSignal: queries are stopped, the batch in flight
// finishes, the state is saved, and the command exits non-zero with a summary. A second signal
// kills the process at once, which is safe: the state protocol survives a kill at any point.

export interface Interruption {
  readonly signal: AbortSignal;
  /** The signal name that stopped the run, if any. */
  received(): string | null;
  dispose(): void;
}

export function onInterrupt(): Interruption {
  const controller = new AbortController();
  let name: string | null = null;
  const handler = (signal: NodeJS.Signals) => {
    name = signal;
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    received: () => name,
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
