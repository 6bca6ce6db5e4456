// What the Logs Insights subset reference (docs/logs-insights-subset.md) says about one command,
// operator family, function or aggregate. Every registry entry carries one, and the reference is
// generated from the registries (`npm run docs`), so it lists exactly what the engine implements.

export interface ReferenceEntry {
  /** How it is written: `substr(str, start[, length])`; brackets mark optional parts. */
  readonly usage: string;
  /** What it does, in one line. */
  readonly summary: string;
  /** What it does with null (absent) input. */
  readonly nulls?: string;
  /** Where the AWS documentation is silent: what this engine chose. */
  readonly choice?: string;
  /** The Logs Insights documentation page (and section) it follows. */
  readonly doc: string;
}
