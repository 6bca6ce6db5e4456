// The alarms a config asks for, as PutMetricAlarm inputs: names under the prefix, the series from
// config/alarm-targets.ts, the defaults said in config/alarms-schema.ts, and a description that
// names the command showing the log lines behind the metric.
import type { PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { alarmTargets, type AlarmTarget } from "../config/alarm-targets.js";
import type { AlarmActions, AlarmEntry } from "../config/alarms-schema.js";
import type { LoadedConfig } from "../config/resolved.js";
import { alarmPeriod } from "../config/rules/alarm-rules.js";
import { formatMs } from "../config/rules/config-rules.js";
import { ConfigError, InternalError } from "../errors.js";
import { configName, HEARTBEAT_DIMENSION } from "../metrics/heartbeat-names.js";
import { explainCommand, stateShowCommand } from "./explain-command.js";

/** The tag that marks an alarm as made by `alarms sync` from one config: only such alarms are pruned. */
export const OWNER_TAG = "mail-metrics:config";

const OPERATORS = {
  ">=": "GreaterThanOrEqualToThreshold",
  ">": "GreaterThanThreshold",
  "<": "LessThanThreshold",
  "<=": "LessThanOrEqualToThreshold",
} as const;

/** PutMetricAlarm's AlarmDescription limit (API reference: 0–1024 characters). */
const DESCRIPTION_MAX = 1024;

export function alarmNamePrefix(loaded: LoadedConfig): string {
  return loaded.config.alarms?.namePrefix ?? `mail-metrics/${configName(loaded.path)}/`;
}

/** The descriptions print the config's absolute path (LoadedConfig.path), so their commands work from any directory. */
export function desiredAlarms(loaded: LoadedConfig): PutMetricAlarmCommandInput[] {
  const { config } = loaded;
  if (config.alarms === undefined) return [];
  if (config.sink.type !== "cloudwatch") throw new InternalError("alarms without a cloudwatch sink passed the config rules");
  const { targets, issues } = alarmTargets(config, loaded.queries);
  if (issues.length > 0) throw new InternalError(`alarm targets with issues passed the config rules: ${issues[0]!.message}`);
  const name = configName(loaded.path);
  const namespace = config.sink.namespace;
  return targets.map((target) => {
    const entry = target.entry;
    const dimensions = target.query === undefined ? { [HEARTBEAT_DIMENSION]: name, ...target.dimensions } : target.dimensions;
    const input: PutMetricAlarmCommandInput = {
      AlarmName: `${alarmNamePrefix(loaded)}${target.suffix}`,
      AlarmDescription: description(target, dimensions, namespace, alarmPeriod(entry, config.schedule.period), loaded.path),
      ActionsEnabled: true,
      ...actionLists(entry.actions ?? config.alarms!.actions),
      MetricName: target.metricName,
      Namespace: namespace,
      Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
      Statistic: entry.statistic,
      Period: alarmPeriod(entry, config.schedule.period) / 1000,
      EvaluationPeriods: entry.evaluationPeriods,
      DatapointsToAlarm: entry.datapointsToAlarm ?? entry.evaluationPeriods,
      Threshold: entry.threshold,
      ComparisonOperator: OPERATORS[entry.comparison],
      TreatMissingData: entry.treatMissingData ?? missingDataDefault(target),
      Tags: [{ Key: OWNER_TAG, Value: name }],
    };
    if (input.AlarmDescription!.length > DESCRIPTION_MAX) throw descriptionTooLong(loaded, target, input.AlarmDescription!.length);
    return input;
  });
}

function actionLists(actions: AlarmActions | undefined) {
  return { AlarmActions: actions?.alarm ?? [], OKActions: actions?.ok ?? [], InsufficientDataActions: actions?.insufficientData ?? [] };
}

/**
 * A period without a datum of a query's metric means no line was counted in it: a count of 0, so
 * it breaches when 0 would. The heartbeat has a datum every run; none means no run.
 */
function missingDataDefault(target: AlarmTarget): NonNullable<AlarmEntry["treatMissingData"]> {
  if (target.query === undefined) return "breaching";
  return breaches(0, target.entry) ? "breaching" : "notBreaching";
}

function breaches(value: number, entry: AlarmEntry): boolean {
  const { threshold } = entry;
  switch (entry.comparison) {
    case ">=":
      return value >= threshold;
    case ">":
      return value > threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

function description(
  target: AlarmTarget,
  dimensions: Readonly<Record<string, string>>,
  namespace: string,
  period: number,
  configPath: string,
): string {
  const { entry, metricName } = target;
  const condition = `${entry.statistic} of ${metricName} ${entry.comparison} ${entry.threshold} per ${formatMs(period)}`;
  if (target.query === undefined) {
    const what = entry.description ?? `mail-metrics health in ${namespace}: ${condition}.`;
    return `${what} Check the runs (cron log, journal) and what is published: ${stateShowCommand(configPath)}`;
  }
  const what = entry.description ?? `${condition} in ${namespace} (query ${target.query.name}).`;
  const series = target.nameIsAmbiguous ? dimensions : undefined;
  return `${what} The log lines behind it: ${explainCommand(metricName, configPath, series)}`;
}

function descriptionTooLong(loaded: LoadedConfig, target: AlarmTarget, length: number): ConfigError {
  const message = `with the command that explains it, the alarm description of ${target.metricName} is ${length} characters, and CloudWatch takes at most ${DESCRIPTION_MAX}; shorten description`;
  return new ConfigError(loaded.path, [{ path: `alarms.metrics[${target.index}].description`, message }]);
}
