// Commander wiring: one entry per command, each loaded lazily so that --help and local runs
// never load the AWS SDK. Command modules export one async function and throw on failure.
import { Command, CommanderError, Option } from "commander";
import { packageVersion } from "../config/package-root.js";
import { OUTPUT_FORMATS } from "../sinks/stdout/format.js";
import { LOG_FORMATS } from "./log.js";

const EXIT_USAGE = 2;
// From the package.json that packageRoot() reads anyway (src/, dist/ and the bundle alike), not
// require(): that starts the CommonJS loader's JSON path for one field.
const version = packageVersion();

const outputOption = () =>
  new Option("--output <format>", "table, json or ndjson (default: table on a terminal, else ndjson)").choices(OUTPUT_FORMATS);

const awsOptions = (command: Command) =>
  command
    .option("--endpoint-url <url>", "endpoint for CloudWatch Logs and CloudWatch (overrides aws.endpoint)")
    .option("--region <region>", "AWS Region (overrides aws.region)")
    .option("--profile <name>", "AWS profile (overrides aws.profile)");

/** The log of the commands cron runs (cli/log.ts). */
const logOptions = (command: Command) =>
  command
    .addOption(
      new Option("--log-format <format>", "text (each line starts with its time) or json (one object per line)").choices(LOG_FORMATS),
    )
    .addOption(new Option("--quiet", "write only warnings and errors (and a failed run's outcome)").conflicts("verbose"))
    .option("--verbose", "also write each AWS call: StartQuery ids, polls, batches sent, read-backs");

function example(lines: string): string {
  return `\nExample:\n${lines}\n`;
}

/** A command's result: an exit code, or nothing for 0. Failures are thrown, not returned. */
type CommandResult = Promise<number | void>;
let commandExitCode = 0;
const settle = async (result: CommandResult) => {
  commandExitCode = (await result) ?? 0;
};

export function buildProgram(): Command {
  const program = new Command("mail-metrics")
    .description("Turn Postfix logs into CloudWatch metrics with Logs Insights queries defined in YAML")
    .version(version)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .addHelpText(
      "after",
      example(
        "  mail-metrics run --config examples/local.yaml\n" +
          "  */5 * * * *  /usr/local/bin/mail-metrics run --config /etc/mail-metrics/prod.yaml >>/var/log/mail-metrics.log",
      ),
    );

  awsOptions(
    logOptions(
      program
        .command("run")
        .description("Publish every window that closed since the last run, exactly once")
        .requiredOption("-c, --config <file>", "config file (YAML)")
        .option("--dry-run", "the same run, printing the datums instead of publishing them; the state is read, never written")
        .option("--now <iso>", "the clock, for reproducible runs (default: now)")
        .option("--wait <duration>", "wait up to this long for another run's lock instead of exiting")
        .option(
          "--stuck-after <duration>",
          "a lock held longer than this by a live run is an error, exit 1 (overrides state.stuckAfter, default 1h)",
        )
        .addOption(outputOption()),
    ),
  )
    .addHelpText("after", example("  mail-metrics run --config prod.yaml\n  mail-metrics run --config examples/local.yaml"))
    .action(async (options) => settle((await import("./commands/run.js")).run(options)));

  awsOptions(
    logOptions(
      program
        .command("backfill")
        .description("Publish the windows of a past range (at most 14 days back) that are not published yet")
        .requiredOption("-c, --config <file>", "config file (YAML)")
        .requiredOption("--from <iso>", "start of the range (inclusive, rounded down to a window)")
        .requiredOption("--to <iso>", "end of the range (exclusive, rounded up to a window)")
        .option("--force", "publish again windows the state says are published (doubles their sums)")
        .option("--concurrency <n>", "queries at once (overrides schedule.concurrency)")
        .option("--dry-run", "print the datums instead of publishing; read the state but never write it")
        .option("--now <iso>", "the clock (default: now)")
        .addOption(outputOption()),
    ),
  )
    .addHelpText("after", example("  mail-metrics backfill --config prod.yaml --from 2026-11-20T00:00:00Z --to 2026-11-21T00:00:00Z"))
    .action(async (options) => settle((await import("./commands/backfill.js")).backfill(options)));

  awsOptions(
    program
      .command("validate")
      .description("Check a config file and parse every query it uses (without AWS; --aws also runs doctor)")
      .requiredOption("-c, --config <file>", "config file (YAML)")
      .option("--aws", "also check against AWS what only AWS can tell, as mail-metrics doctor does"),
  )
    .addHelpText("after", example("  mail-metrics validate --config prod.yaml"))
    .action(async (options) => settle((await import("./commands/validate.js")).validate(options)));

  awsOptions(
    program
      .command("doctor")
      .description(
        "Check a config against AWS: credentials and their identity, the region, each log group (exists; a one-second query), " +
          "GetMetricData on the namespace, and the calls a run needs; each problem with its fix. Publishes nothing",
      )
      .requiredOption("-c, --config <file>", "config file (YAML)"),
  )
    .addHelpText("after", example("  mail-metrics doctor --config prod.yaml"))
    .action(async (options) => settle((await import("./commands/doctor.js")).doctor(options)));

  program
    .command("query")
    .description("Run one query definition over local log files and print the datums")
    .argument("<query-yaml>", "query definition file, or the name of a shipped query")
    .argument("<logfile...>", "log files or globs (plain or gzip); - for stdin")
    .option("--timezone <tz>", "IANA time zone of syslog timestamps", "UTC")
    .option("--year <yyyy>", "year of syslog timestamps (default: inferred)")
    .option("--from <iso>", "only events at or after this time")
    .option("--to <iso>", "only events before this time")
    .addOption(outputOption())
    .addHelpText("after", example("  mail-metrics query queries/postfix-smtp-status.yaml /var/log/mail.log* --timezone Europe/Berlin"))
    .action(async (queryFile, logFiles, options) => settle((await import("./commands/query.js")).query(queryFile, logFiles, options)));

  awsOptions(
    program
      .command("explain")
      .description(
        "Show the log lines behind a published metric: their count against what was published, relays, domains, reply texts, samples",
      )
      .argument("<metric>", "metric name, e.g. 550-5_7_26")
      .requiredOption("-c, --config <file>", "config file (YAML)")
      .option(
        "--dimension <name=value>",
        "a dimension of the metric (repeatable); one left out covers all its values",
        (pair: string, list: string[]) => [...list, pair],
        [],
      )
      .option("--query <name>", "the query that publishes it, when several can")
      .option("--from <iso>", "start of the range (rounded down to a window; default: an hour before --to)")
      .option("--to <iso>", "end of the range (rounded up to a window; default: now)")
      .option("--at <iso>", "the one window holding this time, instead of --from/--to")
      .option("--now <iso>", "the clock (default: now)")
      .option("--mask-recipients", "hide the local part of mail addresses in sample lines, for sharing")
      .option("--show-query", "print the Logs Insights queries explain runs, and run nothing")
      .addOption(outputOption()),
  )
    .addHelpText(
      "after",
      example(
        "  mail-metrics explain 550-5_7_26 --config prod.yaml --dimension Environment=prod\n" +
          "  mail-metrics explain 550-5_7_26 --config examples/local.yaml --at 2026-11-29T00:37:00Z",
      ),
    )
    .action(async (metric, options) => settle((await import("./commands/explain.js")).explain(metric, options)));

  const state = program
    .command("state")
    .description("Show or reset what has been published")
    .addHelpText(
      "after",
      example(
        "  mail-metrics state show --config prod.yaml\n  mail-metrics state reset --config prod.yaml --query postfix-smtp-status --yes",
      ),
    );
  state
    .command("show")
    .description(
      "Print, per query, what is published, what is not yet (and the backfill command for holes), what is lost, and what is pending",
    )
    .requiredOption("-c, --config <file>", "config file (YAML)")
    .option("--now <iso>", "the clock, which decides what a run publishes next and what is too old to backfill (default: now)")
    .addHelpText("after", example("  mail-metrics state show --config prod.yaml"))
    .action(async (options) => settle((await import("./commands/state.js")).stateShow(options)));
  state
    .command("reset")
    .description("Forget what one query has published (its next run starts afresh)")
    .requiredOption("-c, --config <file>", "config file (YAML)")
    .requiredOption("--query <name>", "the query to reset")
    .option("--yes", "confirm the reset")
    .addHelpText("after", example("  mail-metrics state reset --config prod.yaml --query postfix-smtp-status --yes"))
    .action(async (options) => settle((await import("./commands/state.js")).stateReset(options)));

  const alarms = program
    .command("alarms")
    .description("CloudWatch alarms on the published metrics, from the config's alarms: section")
    .addHelpText("after", example("  mail-metrics alarms sync --config /etc/mail-metrics/prod.yaml --dry-run"));
  awsOptions(
    alarms
      .command("sync")
      .description("Create or update the config's alarms (PutMetricAlarm); an alarm already as the config says is left alone")
      .requiredOption("-c, --config <file>", "config file (YAML)")
      .option("--dry-run", "print what would change (create, update with the changed fields, unchanged, delete) and change nothing")
      .option("--prune", "also delete alarms under alarms.namePrefix that this config made and no longer declares"),
  )
    .addHelpText(
      "after",
      example(
        "  mail-metrics alarms sync --config /etc/mail-metrics/prod.yaml --dry-run\n  mail-metrics alarms sync --config /etc/mail-metrics/prod.yaml --prune",
      ),
    )
    .action(async (options) => settle((await import("./commands/alarms.js")).alarmsSync(options)));

  awsOptions(
    program
      .command("dashboard")
      .description("Put the config's CloudWatch dashboard: replies and deliveries per code, the alarms, the tool's own health")
      .requiredOption("-c, --config <file>", "config file (YAML)")
      .option("--print", "write the dashboard's JSON body to stdout instead of putting it"),
  )
    .addHelpText(
      "after",
      example("  mail-metrics dashboard --config /etc/mail-metrics/prod.yaml\n  mail-metrics dashboard --config prod.yaml --print"),
    )
    .action(async (options) => settle((await import("./commands/dashboard.js")).dashboard(options)));

  return program;
}

/** Runs the command line; resolves to the exit code for a normal end, throws for errors. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exitCode 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    throw error;
  }
  return commandExitCode;
}
