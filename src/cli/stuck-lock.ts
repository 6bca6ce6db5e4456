// A lock held longer than state.stuckAfter (or --stuck-after) by a run that is still alive: most
// likely a run that hangs. Cron's next runs would each log one line and exit 0 and nobody would
// notice, so it is an error (exit 1) on stderr, with what to do, and shows in the heartbeat.
import { formatDuration, parseDuration } from "../util/duration.js";
import { UsageError } from "../errors.js";
import type { CommandContext } from "./command-context.js";

export interface StuckLock {
  /** How long the lock has been held, ms. */
  readonly age: number;
  readonly message: string;
}

/** The lock `attempt` found held is stuck: held longer than the limit, by the real clock (the lock records real time). */
export function stuckLock(
  context: CommandContext,
  attempt: { readonly holder: string; readonly since?: number },
  override?: string,
): StuckLock | null {
  const limit = stuckAfter(context, override);
  if (attempt.since === undefined) return null;
  const age = Date.now() - attempt.since;
  if (age <= limit) return null;
  // The holder reads "pid 4711 on host since …": the commands to check it can name it.
  const pid = /^pid (\d+)/.exec(attempt.holder)?.[1] ?? "<pid>";
  const setting = override === undefined ? `state.stuckAfter (${formatDuration(limit)})` : `--stuck-after ${override}`;
  return {
    age,
    message:
      `another run has held the lock on ${context.statePath} for ${formatDuration(age)} (${attempt.holder}), longer than ${setting}: it may be stuck. ` +
      `This run did nothing. If that process hangs (ps -p ${pid}; a query or a PutMetricData call should not take this long), ` +
      `stop it (kill ${pid}): the next run takes the lock over and continues where it stopped`,
  };
}

function stuckAfter(context: CommandContext, override: string | undefined): number {
  if (override === undefined) return context.loaded.config.state.stuckAfter;
  const ms = parseDuration(override);
  if (ms === undefined || ms <= 0) throw new UsageError(`--stuck-after "${override}" is not a duration; write it like 30m or 2h`);
  return ms;
}
