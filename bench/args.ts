// `npm run bench -- [--size 512M] [--runs 3] [--big-size 4G|0] [--cron-size 2G|0] [--startup-runs 20] [--only QUERY] [--keep]`
import { parseArgs } from "node:util";

export interface BenchArgs {
  readonly sizeBytes: number;
  readonly runs: number;
  /** Size of the once-only constant-memory run; 0 skips it. */
  readonly bigBytes: number;
  /** Size of the live log of the cron-style run; 0 skips it. */
  readonly cronBytes: number;
  /** Keep the big logs in bench/data/ (they are deleted after use otherwise). */
  readonly keep: boolean;
  readonly startupRuns: number;
  /** Only this shipped query (quick checks while optimising); the results file is then not written. */
  readonly only: string | undefined;
}

const UNITS: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMG]?)B?$/i.exec(text.trim());
  if (m === null) throw new Error(`size "${text}" is not a size; write it like 512M or 2G`);
  return Math.round(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!);
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      size: { type: "string", default: "512M" },
      runs: { type: "string", default: "3" },
      "big-size": { type: "string", default: "4G" },
      "cron-size": { type: "string", default: "2G" },
      keep: { type: "boolean", default: false },
      "startup-runs": { type: "string", default: "20" },
      only: { type: "string" },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${values.runs} is not a positive integer`);
  return {
    sizeBytes: parseSize(values.size),
    runs,
    bigBytes: parseSize(values["big-size"]),
    cronBytes: parseSize(values["cron-size"]),
    keep: values.keep,
    startupRuns: Number(values["startup-runs"]),
    only: values.only,
  };
}
