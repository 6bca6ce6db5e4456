// `mail-metrics query QUERY_YAML LOGFILE...`: one query definition over local files, datums printed.
import { loadQueryFile } from "../../config/load-query-file.js";
import { locateQueryArgument } from "../../config/locate-query.js";
import { readablePath } from "../../util/readable-path.js";
import { issuesInQueryFile } from "../../config/rules/mapping-issues.js";
import type { MetricMapping } from "../../metrics/mapping.js";
import { checkMapping } from "../../config/rules/mapping-rules.js";
import { ConfigError, UsageError } from "../../errors.js";
import type { CompiledQuery } from "../../insights/types.js";
import { toDatums } from "../../metrics/to-datums.js";
import { zeroFillBins } from "../../metrics/zero-fill.js";
import { incompleteRowsNote } from "../../pipeline/summary.js";
import { createStdoutSink } from "../../sinks/stdout/sink.js";
import { runQueryOverFiles } from "../../sources/files/run-query-over-files.js";
import { LOCAL_ROW_LIMIT } from "../../sources/files/source.js";
import { describeSkips, type ReadStats } from "../../sources/files/read-stats.js";
import { isTimeZone } from "../../sources/files/zone-offset.js";
import type { OutputFormat } from "../../sinks/stdout/format.js";
import { parseTimeOption, parseYearOption } from "../time-option.js";

export interface QueryOptions {
  readonly timezone?: string;
  readonly year?: string;
  readonly from?: string;
  readonly to?: string;
  readonly output?: OutputFormat;
}

/** Swapped arguments (`query mail.log q.yaml`) make the log the query definition: say so. */
const NOT_YAML_HINT = "is this a log file? the query definition comes first: mail-metrics query <query-yaml> <logfile...>";

export async function query(queryArgument: string, logFiles: string[], options: QueryOptions): Promise<number | void> {
  const settings = parseOptions(options);
  const location = locateQueryArgument(queryArgument);
  const { definition, compiled, source } = await loadQueryFile(readablePath(location.path), { notYamlHint: NOT_YAML_HINT });
  const problems = checkMapping(definition.metric, compiled);
  if (problems.length > 0) throw new ConfigError(source.file, issuesInQueryFile(problems, source));

  const { datums, incomplete, truncated, stats } = await datumsOver(logFiles, compiled, definition.metric, source.file, settings);
  await createStdoutSink({ output: options.output }).publish(datums);

  const notes = describeSkips(stats);
  if (incomplete.rows > 0) notes.push(incompleteRowsNote(definition.name, incomplete.rows, incomplete.fields));
  if (truncated) notes.push(`the query returned ${LOCAL_ROW_LIMIT} rows, the most a local run keeps; narrow it with --from/--to`);
  for (const note of notes) process.stderr.write(`mail-metrics: ${note}\n`);
  return stats.failedFiles > 0 ? 1 : 0;
}

/** The rows are let go before the datums are printed: a long range's rows and datums weigh tens of MB each. */
async function datumsOver(logFiles: string[], compiled: CompiledQuery, mapping: MetricMapping, file: string, settings: Settings) {
  const { rows, stats } = await runQueryOverFiles(compiled, logFiles, { ...settings, limit: LOCAL_ROW_LIMIT });
  const bins = zeroFillBins(mapping.zeroFill, compiled.binPeriods[0], rangeRead(stats, settings));
  return { ...toDatums(rows, mapping, { file, zeroFillBins: bins }), truncated: rows.length >= LOCAL_ROW_LIMIT, stats };
}

interface Settings {
  readonly timezone: string;
  readonly year?: number;
  readonly from?: number;
  readonly to?: number;
}

function parseOptions(options: QueryOptions): Settings {
  const timezone = options.timezone ?? "UTC";
  if (!isTimeZone(timezone)) throw new UsageError(`--timezone "${timezone}" is not an IANA time zone; write it like UTC or Europe/Berlin`);
  const from = options.from === undefined ? undefined : parseTimeOption("--from", options.from);
  const to = options.to === undefined ? undefined : parseTimeOption("--to", options.to);
  if (from !== undefined && to !== undefined && from >= to) throw new UsageError(`--from ${options.from} is not before --to ${options.to}`);
  const year = options.year === undefined ? undefined : parseYearOption("--year", options.year);
  return { timezone, year, from, to };
}

/** [--from, --to), or else from the first event read to just after the last: the bins zero-filled (metrics/zero-fill.ts). */
function rangeRead(stats: ReadStats, settings: Settings): { from: number; to: number } | undefined {
  const from = settings.from ?? stats.firstEventTime;
  const to = settings.to ?? (stats.lastEventTime === undefined ? undefined : stats.lastEventTime + 1);
  return from === undefined || to === undefined ? undefined : { from, to };
}
