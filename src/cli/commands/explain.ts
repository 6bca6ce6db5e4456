// `mail-metrics explain METRIC --config FILE`: the log lines behind a published metric, on the
// config's source, compared with what was published (pipeline/explain/explain-metric.ts).
import { explainQueries } from "../../config/explain-query.js";
import { findPublisher, type MetricSelector } from "../../config/find-publisher.js";
import { UsageError } from "../../errors.js";
import { openEndpoints, type Endpoints } from "../../pipeline/endpoints.js";
import { explainMetric, type ExplainDeps } from "../../pipeline/explain/explain-metric.js";
import { senderQueries } from "../../pipeline/explain/senders.js";
import { StateHandle } from "../../state/handle.js";
import { unionOf, type Interval } from "../../windows/intervals.js";
import { ceilTo, floorTo } from "../../windows/windows.js";
import { publishedSums } from "../../sinks/cloudwatch/published-sums.js";
import { writeStdout } from "../../util/stdio.js";
import { onInterrupt } from "../../util/signals.js";
import { commandContext, type AwsOverrides, type CommandContext } from "../command-context.js";
import { formatExplainQueries, formatExplainReport } from "../explain-output.js";
import { chooseFormat, type OutputFormat } from "../../sinks/stdout/format.js";
import { prepareState } from "../../state/safety.js";
import { parseTimeOption } from "../time-option.js";

export interface ExplainOptions extends AwsOverrides {
  readonly config: string;
  readonly dimension?: readonly string[];
  readonly query?: string;
  readonly from?: string;
  readonly to?: string;
  readonly at?: string;
  readonly now?: string;
  readonly output?: OutputFormat;
  readonly maskRecipients?: boolean;
  readonly showQuery?: boolean;
}

const HOUR = 3_600_000;

export async function explain(metric: string, options: ExplainOptions): Promise<number> {
  const context = await commandContext(options.config, options);
  const selector: MetricSelector = {
    metric,
    dimensions: parseDimensions(options.dimension ?? []),
    ...(options.query === undefined ? {} : { query: options.query }),
  };
  const format = chooseFormat(options.output, process.stdout.isTTY === true);
  const { period } = context.loaded.config.schedule;
  if (options.showQuery === true) {
    const publisher = findPublisher(context.loaded, selector);
    const derived = explainQueries(publisher, metric, period);
    await writeStdout(
      formatExplainQueries(
        { publisher, metric, events: derived.events, count: derived.count, senders: senderQueries(["QUEUEID"])[0]! },
        format,
      ),
    );
    return 0;
  }
  const range = explainRange(options, context.clock.now(), period);
  const { config } = context.loaded;
  if (config.state.enabled) prepareState(context.statePath, config.state, context.configArgument, false);
  const interruption = onInterrupt();
  const endpoints = await openEndpoints(context.loaded, { aws: context.aws, clock: context.clock, dryRun: true });
  try {
    const { sink, source } = config;
    // The CloudWatch sink's series are read back; the CloudWatch Logs source's Region names the console.
    const reader = sink.type === "cloudwatch" ? (await endpoints.aws()).metrics : undefined;
    const deps: ExplainDeps = {
      loaded: context.loaded,
      source: endpoints.source,
      publishedWindows: (name) => publishedWindows(context, name),
      now: context.clock.now(),
      signal: interruption.signal,
      ...(sink.type === "cloudwatch" && reader !== undefined
        ? {
            publishedSums: (series, window) =>
              publishedSums(reader, { namespace: sink.namespace, ...series }, window, period, context.clock.now()),
          }
        : {}),
      ...(source.type === "cloudwatch-logs" ? await regionOf(endpoints) : {}),
    };
    const report = await explainMetric(deps, { selector, range, maskRecipients: options.maskRecipients === true });
    await writeStdout(formatExplainReport(report, format));
    return 0;
  } finally {
    endpoints.close();
    interruption.dispose();
  }
}

async function regionOf(endpoints: Endpoints): Promise<{ region?: string }> {
  const region = await (await endpoints.aws()).logs.config.region().catch(() => undefined);
  return region === undefined ? {} : { region };
}

/** `Name=Value`, repeatable; a name given twice is a mistake worth saying. */
function parseDimensions(pairs: readonly string[]): Record<string, string> {
  const dimensions: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0 || at === pair.length - 1)
      throw new UsageError(`--dimension "${pair}" is not Name=Value; write it like --dimension Environment=prod`);
    const name = pair.slice(0, at);
    if (name in dimensions) throw new UsageError(`--dimension ${name} is given twice`);
    dimensions[name] = pair.slice(at + 1);
  }
  return dimensions;
}

/**
 * Whole windows: --at the one holding that time; --from/--to rounded out to windows; by default the
 * last hour, up to the end of the window now is in.
 */
export function explainRange(options: Pick<ExplainOptions, "from" | "to" | "at">, now: number, period: number): Interval {
  if (options.at !== undefined) {
    if (options.from !== undefined || options.to !== undefined) throw new UsageError("--at is one window; give either --at or --from/--to");
    const start = floorTo(parseTimeOption("--at", options.at), period);
    return { from: start, to: start + period };
  }
  const to = options.to === undefined ? ceilTo(now, period) : ceilTo(parseTimeOption("--to", options.to), period);
  const from =
    options.from === undefined ? floorTo(Math.min(now, to) - HOUR, period) : floorTo(parseTimeOption("--from", options.from), period);
  if (from >= to) throw new UsageError(`--from ${options.from ?? "(an hour before --to)"} is not before --to ${options.to ?? "(now)"}`);
  return { from, to };
}

/** What any definition of query `name` published, per the state. */
function publishedWindows(context: CommandContext, name: string): Interval[] {
  const state = StateHandle.open(context.statePath, false);
  return unionOf(
    ...Object.values(state.all())
      .filter((series) => series.query === name)
      .map((series) => series.published),
  );
}
