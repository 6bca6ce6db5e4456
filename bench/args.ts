// `npm run bench -- [--size 512M] [--runs 3] [--big-size 2G|0] [--startup-runs 20] [--only QUERY]`
import { parseArgs } from "node:util";

export interface BenchArgs {
  readonly sizeBytes: number;
  readonly runs: number;
  /** Size of the once-only constant-memory run; 0 skips it. */
  readonly bigBytes: number;
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
      "big-size": { type: "string", default: "2G" },
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
    startupRuns: Number(values["startup-runs"]),
    only: values.only,
  };
}
