// Backfill progress on stderr, through the built CLI against the stand-in: plain lines when stderr
// is not a terminal (cron, logs), a bar redrawn on one line when it is. A 3-day range with
// --concurrency 1 is three 288-window chunks queried one after another, so each line is known.
import { beforeAll, describe, expect, it } from "vitest";
import { formatBytes } from "../../src/pipeline/cost.js";
import { buildOnce, CLI } from "../cli/built-cli.js";
import { runOnTerminal, terminalUnavailable } from "../cli/pseudo-terminal.js";
import { terminalScreen } from "../cli/terminal-screen.js";
import { CLI_AWS_ENV, cloudSlots, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { expectedFor, SMTP } from "./peer-model.js";
import { at, copiesCounts, logCopies, ms, span, zeroFillOf } from "./scene.js";
import { untimed } from "./log-lines.js";

const DAY = 24 * 60;
const CHUNK = 288;
// A copy of the log in each chunk, so each one scans bytes and publishes counts.
const COPIES = [-3 * DAY, -2 * DAY, -DAY];
const ARGS = ["backfill", "--from", at(-3 * DAY), "--to", at(0), "--concurrency", "1"];
const NOW = at(60);

const inCloud = cloudSlots();
// As with real-Postfix tests, a skip on CI (CI=true) would hide a broken setup: there it runs, and fails.
const skipTerminal = terminalUnavailable !== null && process.env.CI !== "true";
if (skipTerminal) console.warn(`backfill progress on a terminal: skipped; ${terminalUnavailable}`);
beforeAll(buildOnce, 120_000);

/** The progress text after each chunk: windows done, datums and bytes so far (from the peer model and the stand-in's query statistics). */
function expectedSteps(s: CloudSetup): string[] {
  const queries = [...s.standIn.state.queries].sort((a, b) => a.startTime - b.startTime);
  expect(queries).toHaveLength(3);
  const counts = copiesCounts([SMTP], COPIES);
  let datums = 0;
  let bytes = 0;
  const steps = [`${SMTP}: 0/864 windows, 0 datums published, 0 B scanned`];
  queries.forEach((query, i) => {
    const from = -3 * DAY + i * CHUNK * 5;
    datums += expectedFor(counts, zeroFillOf([SMTP]), [span(from, from + CHUNK * 5)]).size;
    bytes += query.statistics.bytesScanned;
    steps.push(`${SMTP}: ${(i + 1) * CHUNK}/864 windows, ${datums} datums published, ${formatBytes(bytes)} scanned`);
  });
  return steps;
}

const TIME_LEFT = /, ~(?:\d+m\d\d|\d+)s left$/;

describe.concurrent("backfill progress", { timeout: 180_000 }, () => {
  it("when stderr is not a terminal: one line per finished chunk, naming windows done, datums published, bytes scanned and time left", () =>
    inCloud({ now: ms(60), queries: [SMTP] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies(COPIES));
      const result = await s.run(ARGS, NOW);
      expect(result.code, result.stderr).toBe(0);
      const lines = untimed(result.stderr).trimEnd().split("\n");
      // Time left is only estimated between the first and the last chunk.
      expect(lines.map((line) => TIME_LEFT.test(line))).toEqual([false, true, true, false]);
      expect(lines.map((line) => line.replace(TIME_LEFT, ""))).toEqual(expectedSteps(s).map((step) => `mail-metrics: backfill ${step}`));
      expect(untimed(result.stdout)).toMatch(new RegExp(`^${SMTP}: backfilled 864 windows `));
    }));

  it.skipIf(skipTerminal)("on a terminal: one bar redrawn in place, ended by a newline before the summary", () =>
    inCloud({ now: ms(60), queries: [SMTP] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies(COPIES));
      s.setNow(Date.parse(NOW));
      const argv = [process.execPath, CLI, ...ARGS, "--config", s.config, "--endpoint-url", s.standIn.endpoint, "--now", NOW];
      const result = await runOnTerminal(argv, CLI_AWS_ENV);
      expect(result.code, result.output).toBe(0);
      // The bar was drawn at the start and after each chunk, each time over the same line.
      expect(result.output.split("\r[").length - 1).toBe(4);
      const steps = expectedSteps(s);
      expect(terminalScreen(result.output)).toEqual([
        `[########################] ${steps.at(-1)}`,
        expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ${SMTP}: backfilled 864 windows `)),
        "",
      ]);
    }),
  );
});
