// `mail-metrics run --config FILE`: publish every window that closed since the last run, once.
// `--dry-run` is the same run (pipeline/run-queries.ts) with a state that is not written and a sink
// that collects the datums, printed at the end.
import { RuntimeError, UsageError } from "../../errors.js";
import { runQueries } from "../../pipeline/run-queries.js";
import type { OutputFormat } from "../../sinks/stdout/format.js";
import { tryLock, waitForLock, type LockAttempt } from "../../state/lock.js";
import { parseDuration } from "../../util/duration.js";
import { commandContext, type AwsOverrides, type CommandContext } from "../command-context.js";
import { runStateless } from "../run-stateless.js";
import { seriesCommand } from "../series-command.js";

export interface RunOptions extends AwsOverrides {
  readonly config: string;
  readonly dryRun?: boolean;
  readonly now?: string;
  readonly wait?: string;
  readonly output?: OutputFormat;
}

export async function run(options: RunOptions): Promise<number> {
  const context = await commandContext(options.config, options);
  if (!context.loaded.config.state.enabled) return runStateless(context, options.output);
  const dryRun = options.dryRun === true;
  return seriesCommand(
    context,
    {
      dryRun,
      output: options.output,
      lock: (path) => acquire(context, path, options.wait),
      held: (holder) => {
        process.stdout.write(`mail-metrics: another run holds the lock on ${context.statePath} (${holder}); nothing to do\n`);
        return 0;
      },
      quietWhenStdoutCloses: true,
    },
    ({ deps, jobs, interruptedBy }) =>
      runQueries(deps, jobs, { dryRun, configPath: context.configArgument, ...stateNote(context), interruptedBy }),
  );
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
