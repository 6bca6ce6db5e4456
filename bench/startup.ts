// Start-up figures: the median wall time of repeated spawns of a short command.
import { spawnSync } from "node:child_process";
import { median } from "./measure.js";

export function startupMs(command: string, args: readonly string[], runs: number): number {
  const times: number[] = [];
  spawnSync(command, args, { stdio: "ignore" }); // warm the page cache first
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  }
  return median(times);
}
