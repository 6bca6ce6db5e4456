// Regenerates examples/maillog (a real Postfix 3.7 log) and examples/maillog.expected.json (the
// counts the shipped queries must produce on it, computed from the peer record, not from the log).
//
//   npm run gen:maillog [-- --seed N] [-- --messages N] [-- --no-align] [-- --mix deferrals --out bench/maillog-deferrals]
//
// --mix picks another message mix (test/postfix/mix.ts); --out writes the log there (and the
// counts beside it, as OUT.expected.json) instead of examples/.
//
// Needs root and Postfix, like the harness (test/postfix/harness.ts); takes 2-3 minutes, plus up
// to 5 minutes of waiting so that a 5-minute boundary falls inside the run (--no-align skips it).
// The script is TypeScript: `npm run gen:maillog` compiles it and the harness with the project's
// tsc (scripts/tsconfig.gen.json, into node_modules/.cache/mail-metrics-gen) and runs it with node.
// It refuses to write anything if the log and the model disagree. Never edit the outputs by hand.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { BIN_MS } from "../test/postfix/bin-guard.js";
import { systemClock } from "../test/postfix/clock.js";
import { expectedLines } from "../test/postfix/expected-lines.js";
import { DEFAULT_MESSAGES, DEFAULT_SEED, runPostfixHarness } from "../test/postfix/harness.js";
import { checkAgainstLog } from "../test/postfix/log-check.js";
import { parseLog } from "../test/postfix/log-lines.js";

/** Seconds between the start of the run and the next 5-minute boundary, so the run spans two bins. */
const BOUNDARY_AFTER_S = 25;

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: String(DEFAULT_SEED) },
    messages: { type: "string", default: String(DEFAULT_MESSAGES) },
    "no-align": { type: "boolean", default: false },
    mix: { type: "string", default: "default" },
    out: { type: "string" },
  },
});
const seed = Number(values.seed);
const messages = Number(values.messages);
// npm runs scripts from the package root; the compiled script lives elsewhere.
if (!existsSync("package.json")) throw new Error("run this from the repository root: npm run gen:maillog");
const logOut = values.out === undefined ? join(process.cwd(), "examples", "maillog") : resolve(values.out);
const expectedOut = values.out === undefined ? join(process.cwd(), "examples", "maillog.expected.json") : `${logOut}.expected.json`;

if (!values["no-align"]) {
  const now = systemClock.now();
  let start = Math.ceil(now / BIN_MS) * BIN_MS - BOUNDARY_AFTER_S * 1000;
  if (start < now) start += BIN_MS;
  console.log(`waiting ${Math.round((start - now) / 1000)} s so that a 5-minute boundary falls inside the run`);
  await systemClock.sleep(start - now);
}

console.log(`running Postfix: seed ${seed}, ${messages} messages`);
const run = await runPostfixHarness({ seed, messages, mix: values.mix });
const year = new Date(run.startedAt).getUTCFullYear();
const check = checkAgainstLog(
  expectedLines(run.record, run.roles, run.local),
  parseLog(readFileSync(run.logPath, "utf8"), year),
  run.ports,
);
if (check.missing.length > 0 || check.unexpected.length > 0) {
  console.error(JSON.stringify({ missing: check.missing, unexpected: check.unexpected.map((l) => l.raw) }, null, 1));
  throw new Error(`the model and Postfix's log disagree (see above; run kept in ${run.dir}); nothing written`);
}

mkdirSync(dirname(logOut), { recursive: true });
copyFileSync(run.logPath, logOut);
const expected = {
  description: `Counts the shipped queries must produce on ${values.out ?? "examples/maillog"}, per metric per 5-minute bin (UTC), derived from the scripted peer's record. Regenerate with \`npm run gen:maillog${values.out === undefined ? "" : ` -- --mix ${values.mix} --out ${values.out}`}\`; never edit by hand.`,
  seed,
  messages,
  ...(values.mix === "default" ? {} : { mix: values.mix }),
  date: new Date(run.startedAt).toISOString().slice(0, 10),
  year,
  timezone: "UTC",
  postfixVersion: run.postfixVersion,
  binMinutes: run.expected.binMinutes,
  queries: run.expected.queries,
  notCounted: run.expected.notCounted,
};
writeFileSync(expectedOut, `${JSON.stringify(expected, null, 2)}\n`);
rmSync(run.dir, { recursive: true, force: true });
console.log(
  `wrote ${logOut} (${check.matched} delivery lines) and ${expectedOut} in ${Math.round((run.finishedAt - run.startedAt) / 1000)} s`,
);
