// Runs one command under /usr/bin/time -v: wall time (our own clock around the spawn), peak RSS
// (the kernel's maxrss as GNU time reports it) and the command's stdout.
import { spawn } from "node:child_process";

export interface Measurement {
  readonly wallMs: number;
  readonly peakRssKb: number;
  /** User + system CPU time: less disturbed than wall time by other work on the machine. */
  readonly cpuMs: number;
  readonly stdout: string;
}

const MAX_RSS = /Maximum resident set size \(kbytes\): (\d+)/;
const CPU = /(?:User|System) time \(seconds\): ([\d.]+)/g;

export function measure(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn("/usr/bin/time", ["-v", command, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const stderr = Buffer.concat(err).toString("utf8");
      const rss = MAX_RSS.exec(stderr);
      // grep -c exits 1 when it counts nothing; anything else non-zero is a failure.
      if ((code !== 0 && !(command === "grep" && code === 1)) || rss === null) {
        reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr.slice(-2000)}`));
        return;
      }
      const cpuMs = [...stderr.matchAll(CPU)].reduce((sum, m) => sum + Number(m[1]) * 1000, 0);
      resolve({ wallMs, peakRssKb: Number(rss[1]), cpuMs, stdout: Buffer.concat(out).toString("utf8") });
    });
  });
}

/** A command's figures over its runs, and what the check of its output found. */
export interface Measured {
  /** Median wall time. */
  readonly wallMs: number;
  readonly runsMs: readonly number[];
  /** Median user + system time. */
  readonly cpuMs: number;
  /** The largest of the runs. */
  readonly peakRssKb: number;
  /** What the output check found: "ok" (or what was checked), or what differs. */
  readonly check: string;
  readonly ok: boolean;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The runs of one command: medians, largest RSS, and whether every run printed the same. */
export function summarize(runs: readonly Measurement[]) {
  return {
    runs,
    identical: runs.every((run) => run.stdout === runs[0]!.stdout),
    stdout: runs[0]!.stdout,
    wallMs: median(runs.map((run) => run.wallMs)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    peakRssKb: Math.max(...runs.map((run) => run.peakRssKb)),
  };
}

export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs the commands in turns (a, b, c, a, b, c, ...) `times` times, so that a change in the load of
 * a shared machine falls on all of them alike and their ratios stay fair.
 */
export async function inTurns(times: number, commands: readonly Command[]): Promise<Measurement[][]> {
  const runs = commands.map((): Measurement[] => []);
  for (let i = 0; i < times; i++) {
    for (const [j, c] of commands.entries()) runs[j]!.push(await measure(c.command, c.args, c.env));
  }
  return runs;
}
