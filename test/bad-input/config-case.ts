// Reads the expectations of one broken config (test/bad-input/configs/<name>.yaml) from its header
// comment, one `# key: value` per line:
//   expect-file: query-files/x.yaml   the file the message names, relative to configs/ (default: this one)
//   expect-line: 8                    the line it names (or expect-no-line: why)
//   expect-path: source.tmezone       the key path it names (or expect-no-path: why)
//   expect-value: "5 minutes"         the offending value, as the message quotes it (any number)
//   expect-fix: did you mean ...      what tells the user how to fix it (at least one)
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface ConfigCase {
  readonly name: string;
  readonly config: string;
  /** Absolute path of the file the message must name. */
  readonly file: string;
  readonly line: number | null;
  readonly path: string | null;
  /** Value and fix texts, each of which must appear on the message's line. */
  readonly parts: readonly string[];
}

const KEYS = new Set(["expect-file", "expect-line", "expect-no-line", "expect-path", "expect-no-path", "expect-value", "expect-fix"]);

export function readConfigCase(config: string): ConfigCase {
  const fields: [string, string][] = [];
  for (const line of readFileSync(config, "utf8").split("\n")) {
    const match = /^# (expect-[a-z-]+): (.*)$/.exec(line);
    if (match === null) continue;
    if (!KEYS.has(match[1] as string)) throw new Error(`${config}: unknown header key ${match[1]}`);
    fields.push([match[1] as string, match[2] as string]);
  }
  const one = (key: string) => fields.find(([k]) => k === key)?.[1];
  const all = (key: string) => fields.filter(([k]) => k === key).map(([, v]) => v);
  const fixes = all("expect-fix");
  if (fixes.length === 0) throw new Error(`${config}: give at least one expect-fix`);
  if ((one("expect-line") === undefined) === (one("expect-no-line") === undefined))
    throw new Error(`${config}: give expect-line or expect-no-line`);
  if ((one("expect-path") === undefined) === (one("expect-no-path") === undefined))
    throw new Error(`${config}: give expect-path or expect-no-path`);
  const line = one("expect-line");
  return {
    name: basename(config, ".yaml"),
    config,
    file: join(dirname(config), one("expect-file") ?? basename(config)),
    line: line === undefined ? null : Number(line),
    path: one("expect-path") ?? null,
    parts: [...all("expect-value"), ...fixes],
  };
}
