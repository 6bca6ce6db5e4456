// Keeps V8's young generation at its starting size. While a large log is read, the query thread
// allocates strings and match arrays that die at once; V8 then grows the young generation to its
// maximum (16 MiB semi-spaces on 64-bit Node 20, more on 24), pages that stay resident: about a
// quarter of the process's peak memory. With the growth factor 1 it stays small, collections come
// more often but each is as cheap, and the work is the same (bench/RESULTS.md: peak RSS 122 → 94 MB
// on Node 20 and 152 → 109 MB on Node 24 for the 512 MiB bench log; 3.07 → 3.04 billion
// instructions on 32 MiB under callgrind).
// V8 reads this flag whenever it would grow the space, so it takes effect after start-up, which the
// Node documentation of v8.setFlagsFromString() warns is not so for every flag. Measured: set by
// the scan worker once it runs, it takes effect (the figures above); set by the main thread before
// the worker starts, it does not (122 MB either way), so the worker sets it (scan-worker.ts). V8
// prints an unknown flag's error on stdout, where the datums go: it is set only on the Node.js
// versions the package supports (package.json engines), whose V8 has it (`node --v8-options`).
import { setFlagsFromString } from "node:v8";

const SUPPORTED_MAJORS = new Set(["20", "22", "24"]);

export function keepYoungGenerationSmall(version = process.versions.node): void {
  if (SUPPORTED_MAJORS.has(version.split(".")[0] ?? "")) setFlagsFromString("--semi-space-growth-factor=1");
}
