// Manual runs: starts the stand-in and prints its endpoint until interrupted. Node 20 cannot run
// TypeScript directly, so compile first:
//   npx tsc -p tsconfig.json --noEmit false --outDir node_modules/.cache/standin
//   node node_modules/.cache/standin/test/fake-cloudwatch/serve.js --port 4566 --now 2026-11-20T10:00:00Z
// Options: --port N, --now ISO (a fixed stand-in clock), --running-polls N, --visibility-delay-ms N,
// --max-concurrent-queries N.
import { parseArgs } from "node:util";
import { startStandIn } from "./start-stand-in.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    now: { type: "string" },
    "running-polls": { type: "string" },
    "visibility-delay-ms": { type: "string" },
    "max-concurrent-queries": { type: "string" },
  },
});

const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
const fixedNow = values.now === undefined ? undefined : Date.parse(values.now);
if (fixedNow !== undefined && Number.isNaN(fixedNow)) throw new TypeError(`--now ${values.now}: not an ISO date`);

const standIn = await startStandIn({
  port: Number(values.port),
  ...(fixedNow === undefined ? {} : { now: () => fixedNow }),
  ...(values["running-polls"] === undefined ? {} : { runningPolls: number(values["running-polls"]) }),
  ...(values["visibility-delay-ms"] === undefined ? {} : { visibilityDelayMs: number(values["visibility-delay-ms"]) }),
  ...(values["max-concurrent-queries"] === undefined ? {} : { maxConcurrentQueries: number(values["max-concurrent-queries"]) }),
});
process.stdout.write(`${standIn.endpoint}\n`);
process.once("SIGINT", () => void standIn.close());
process.once("SIGTERM", () => void standIn.close());
