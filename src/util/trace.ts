// What --verbose shows: the calls a run makes (StartQuery ids, polls, batch sends, read-backs). The
// code that makes them takes a Trace as a parameter; without --verbose it is a no-op.

/** One debug event: a line of text, and figures for --log-format json. */
export type Trace = (message: string, fields?: Readonly<Record<string, unknown>>) => void;

export const noTrace: Trace = () => undefined;
