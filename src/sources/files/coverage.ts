// Where the configured files begin: the earliest first stamped line of any of them (the oldest
// rotation's, when the rotations are configured), less the disorder margin (seek-by-time.ts), since
// a line up to that much earlier may follow it. A window that ends by then holds no line of these
// files: if mail was logged in it, the lines are in logs that source.paths leaves out (mail.log.1
// after a rotation), so a count of 0 there would be a guess, not a count.
import type { Coverage } from "../source.js";
import { isoTime } from "../../util/iso-time.js";
import { expandInputs, STDIN, type InputFile } from "./expand-inputs.js";
import { stampedSpan } from "./rotation-bounds.js";
import { rotationKey } from "./rotation-order.js";
import { disorderMargin } from "./seek-by-time.js";
import type { YearRule } from "./timestamps.js";

const LOGS = "the logs in source.paths";

export interface CoverageSettings {
  /** IANA zone of syslog timestamps. */
  readonly zone: string;
  readonly year: (input: InputFile) => YearRule;
}

/**
 * Undefined when it cannot be told: stdin (read once, later), or a file whose first bytes hold no
 * stamped line. Files that are all empty hold no line yet: nothing is covered.
 */
export async function filesCoverage(patterns: readonly string[], settings: CoverageSettings): Promise<Coverage | undefined> {
  if (patterns.includes(STDIN)) return undefined;
  const inputs = await expandInputs(patterns);
  const firsts: { input: InputFile; time: number }[] = [];
  for (const input of inputs) {
    if (input.size === 0) continue;
    const { first } = await stampedSpan(input, settings);
    if (first === undefined) return undefined;
    firsts.push({ input, time: first });
  }
  const fix = `add the rotated logs to source.paths, e.g. ${rotatedExamples(inputs[0])}`;
  if (firsts.length === 0) {
    const names = inputs.map((input) => input.display).join(", ");
    const where = `hold no line yet (${names} ${inputs.length === 1 ? "is" : "are"} empty)`;
    return { from: Number.POSITIVE_INFINITY, what: LOGS, where, fix };
  }
  const earliest = firsts.reduce((a, b) => (b.time < a.time ? b : a));
  return {
    from: earliest.time - disorderMargin(settings.zone, earliest.time, undefined)!,
    what: LOGS,
    where: `begin at ${isoTime(earliest.time)}, the first line of ${earliest.input.display}`,
    fix: `add the rotated logs to source.paths, e.g. ${rotatedExamples(earliest.input)}`,
  };
}

/** logrotate's names for the older rotations of the file's log: `mail.log.1` and `mail.log.*.gz`. */
function rotatedExamples(input: InputFile | undefined): string {
  const stem = input === undefined ? "/var/log/mail.log" : rotationKey(input.path).stem;
  return `${stem}.1 and ${stem}.*.gz`;
}
