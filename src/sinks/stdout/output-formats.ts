/** How datums can be printed: `table` for people, `json` (one array) and `ndjson` (one datum a line) for programs. */
export const OUTPUT_FORMATS = ["table", "json", "ndjson"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
