// Runs the built CLI (the script given first) in this process with the remaining arguments, and on
// exit prints the process's peak resident set size to stderr as `peak-rss-kb=N`, for
// log-memory.test.ts. getrusage's maxrss is the kernel's high-water mark, so no sample is missed.
import { pathToFileURL } from "node:url";

const [main, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], main, ...args];
process.on("exit", () => process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(main).href);
