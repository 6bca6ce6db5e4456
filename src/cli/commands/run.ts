// `mail-metrics run --config FILE`: publish every window that closed since the last run, once.
// `--dry-run` is the same run (pipeline/run-queries.ts) with a state that is not written and a sink
// that collects the datums, printed at the end. What it says goes to its log (cli/log.ts); a run
// that took the lock, or found it stuck, ends by publishing the heartbeat (sinks/heartbeat.ts).
import { EXIT_CODES, exitCodeFor, RuntimeError, UsageError } from "../../errors.js";
import { openEndpoints } from "../../pipeline/endpoints.js";
import { heartbeatFigures } from "../../pipeline/heartbeat.js";
import { seriesJobs } from "../../pipeline/jobs.js";
import { runQueries, type RunSaid } from "../../pipeline/run-queries.js";
import type { HeartbeatFigures } from "../../sinks/heartbeat.js";
import type { Sink } from "../../sinks/sink.js";
import type { OutputFormat } from "../../sinks/stdout/format.js";
import { StateHandle } from "../../state/handle.js";
import { tryLock, waitForLock, type LockAttempt } from "../../state/lock.js";
import { parseDuration } from "../../util/duration.js";
import { commandClock, commandContext, type AwsOverrides, type CommandContext } from "../command-context.js";
import { commandLog, logHooks, type Log, type LogOptions } from "../log.js";
import { runStateless } from "../run-stateless.js";
import { seriesCommand } from "../series-command.js";
import { stuckLock } from "../stuck-lock.js";

export interface RunOptions extends AwsOverrides, LogOptions {
  readonly config: string;
  readonly dryRun?: boolean;
  readonly now?: string;
  readonly wait?: string;
  readonly stuckAfter?: string;
  readonly output?: OutputFormat;
}

export async function run(options: RunOptions): Promise<number> {
  const clock = commandClock(options.now);
  const { log, forConfig } = commandLog(options, clock);
  const context = await commandContext(options.config, options, clock);
  forConfig(context.loaded.config);
  if (!context.loaded.config.state.enabled) return runStateless(context, options.output, log);
  const dryRun = options.dryRun === true;
  return seriesCommand(
    context,
    {
      dryRun,
      log,
      output: options.output,
      lock: (path) => acquire(context, path, options.wait),
      held: async (attempt) => {
        const stuck = stuckLock(context, attempt, options.stuckAfter);
        if (stuck === null) {
          log.write({
            level: "info",
            message: `mail-metrics: another run holds the lock on ${context.statePath} (${attempt.holder}); nothing to do`,
          });
          return 0;
        }
        await heartbeatOfStuckRun(context, log, stuck.age);
        throw new RuntimeError(stuck.message);
      },
      quietWhenStdoutCloses: true,
      after: ({ deps, jobs }, sink, said) =>
        publishHeartbeat(sink, log, () =>
          heartbeatFigures(deps.state, jobs, context.clock.now(), { bytesScanned: (said as RunSaid).bytesScanned, stuckLockAge: 0 }),
        ),
    },
    ({ deps, jobs, interruptedBy }) =>
      runQueries(deps, jobs, { dryRun, configPath: context.configArgument, ...stateNote(context), interruptedBy }),
  );
}

/**
 * The heartbeat, where the sink has one (not a dry run's, not stdout's). Its failure is said on
 * stderr but leaves the exit code to the real data: the datums are published, and the next run
 * sends the next heartbeat.
 */
async function publishHeartbeat(sink: Sink, log: Log, figures: () => HeartbeatFigures): Promise<void> {
  if (sink.heartbeat === undefined) return;
  const heartbeat = figures();
  try {
    await sink.heartbeat(heartbeat);
    log.trace(`heartbeat published: ${JSON.stringify(heartbeat)}`, { ...heartbeat });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.write({
      level: "warning",
      message: `heartbeat not published (the exit code does not count it; the next run sends the next one): ${message}`,
    });
  }
}

/** A run that found the lock stuck publishes the heartbeat from the state as the stuck run left it: its windows age. */
async function heartbeatOfStuckRun(context: CommandContext, log: Log, age: number): Promise<void> {
  const endpoints = await openEndpoints(context.loaded, { aws: context.aws, clock: context.clock, dryRun: false, ...logHooks(log) });
  try {
    // Read only: the stuck run may still write it (atomically, by rename, so a read sees a whole file).
    const state = StateHandle.open(context.statePath, false);
    const jobs = seriesJobs(context.loaded);
    const figures = () => heartbeatFigures(state, jobs, context.clock.now(), { bytesScanned: 0, stuckLockAge: Math.round(age / 1000) });
    await publishHeartbeat(endpoints.sink, log, figures);
  } catch (error) {
    // The stuck lock is the news; a state this run cannot read is said beside it.
    if (exitCodeFor(error) === EXIT_CODES.internal) throw error;
    log.write({ level: "warning", message: `heartbeat not published: ${(error as Error).message}` });
  } finally {
    endpoints.close();
  }
}

/**
 * Where a run publishing to CloudWatch keeps its state, when that is this user's default path: a
 * second user (or a cron job as another user) running the same config would have a state of its own
 * and publish every window again. Said on every run, in the summary, so it is seen but not mailed.
 */
function stateNote(context: CommandContext): { stateNote?: string } {
  const { config } = context.loaded;
  if (config.sink.type !== "cloudwatch" || config.state.path !== undefined) return {};
  return { stateNote: `state ${context.statePath} (this user's default: set state.path so that every run of this config uses one state)` };
}

async function acquire(context: CommandContext, path: string, wait: string | undefined): Promise<LockAttempt> {
  if (wait === undefined) return tryLock(path);
  const timeout = parseDuration(wait);
  if (timeout === undefined) throw new UsageError(`--wait "${wait}" is not a duration; write it like 30s or 5m`);
  const attempt = await waitForLock(path, timeout, context.clock);
  if (!attempt.acquired)
    throw new RuntimeError(`another run still holds the lock on ${context.statePath} (${attempt.holder}) after waiting ${wait}`);
  return attempt;
}
