// Cross-field rules for `alarms:`. An alarm that watches nothing never fires, and one PutMetricAlarm
// refuses fails `alarms sync` halfway, so both are config errors, found by `validate`. The limits
// are PutMetricAlarm's (client-cloudwatch PutMetricAlarmCommand.d.ts: Period "10, 20, 30, and any
// multiple of 60"; Period × EvaluationPeriods at most one day below an hour's period, else seven
// days; AlarmName 1–255 characters).
import type { ConfigIssue } from "../../errors.js";
import type { AlarmEntry } from "../alarms-schema.js";
import { alarmTargets, type AlarmTarget } from "../alarm-targets.js";
import { lineOf } from "../yaml-source.js";
import { formatMs, type ConfigRuleContext } from "./config-rules.js";

const DEFAULT_PREFIX_ROOM = "mail-metrics/".length + 64;

export function alarmRules(context: ConfigRuleContext): ConfigIssue[] {
  const { config, source, queries } = context;
  if (config.alarms === undefined) return [];
  if (config.sink.type !== "cloudwatch") {
    return [
      {
        path: "alarms",
        line: lineOf(source, ["alarms"]),
        message: `alarms watch CloudWatch metrics, but this config's sink is ${config.sink.type}; use sink type cloudwatch, or remove alarms`,
      },
    ];
  }
  const at = (index: number, key: string, message: string): ConfigIssue => {
    const path = ["alarms", "metrics", index, key];
    return { path: `alarms.metrics[${index}].${key}`, line: lineOf(source, path) ?? lineOf(source, path.slice(0, 3)), message };
  };
  const { targets, issues } = alarmTargets(config, queries);
  const entries = config.alarms.metrics;
  const periods = entries.map((entry) =>
    periodProblems(entry, config.schedule.period, config.sink.type === "cloudwatch" ? config.sink.storageResolution : 60),
  );
  // A period CloudWatch refuses is reported alone; its fit with the bins is the next question.
  const bins = targets.filter((target) => !periods[target.index]!.some(([key]) => key === "period"));
  return [
    ...issues.map((issue) => at(issue.index, issue.key, issue.message)),
    ...periods.flatMap((problems, index) => problems.map(([key, message]) => at(index, key, message))),
    ...bins.flatMap((target) =>
      binProblems(target, alarmPeriod(target.entry, config.schedule.period)).map((message) => at(target.index, "period", message)),
    ),
    ...nameProblems(targets, config.alarms.namePrefix).map(([index, message]) => at(index, "name", message)),
  ];
}

/** An entry's period in ms: its own, else the schedule's. */
export const alarmPeriod = (entry: AlarmEntry, schedulePeriod: number): number => entry.period ?? schedulePeriod;

function periodProblems(entry: AlarmEntry, schedulePeriod: number, storageResolution: 1 | 60): [string, string][] {
  const period = alarmPeriod(entry, schedulePeriod);
  const seconds = period / 1000;
  const subMinute = storageResolution === 1 && [10_000, 20_000, 30_000].includes(period);
  const problems: [string, string][] = [];
  if (period <= 0 || (period % 60_000 !== 0 && !subMinute)) {
    const also = storageResolution === 1 ? " (or 10s, 20s, 30s with high-resolution metrics)" : "";
    problems.push([
      "period",
      `${formatMs(period)} is not a whole number of minutes, which CloudWatch alarms need${also}; use e.g. ${formatMs(Math.max(60_000, Math.round(period / 60_000) * 60_000))}`,
    ]);
  }
  const most = seconds < 3600 ? 86_400 : 604_800;
  if (seconds * entry.evaluationPeriods > most) {
    problems.push([
      "evaluationPeriods",
      `${entry.evaluationPeriods} periods of ${formatMs(period)} reach back further than CloudWatch evaluates (${most === 86_400 ? "one day for periods under an hour" : "seven days"}); use at most ${Math.floor(most / seconds)}`,
    ]);
  }
  if (entry.datapointsToAlarm !== undefined && entry.datapointsToAlarm > entry.evaluationPeriods) {
    problems.push([
      "datapointsToAlarm",
      `${entry.datapointsToAlarm} breaching periods out of evaluationPeriods ${entry.evaluationPeriods} can never happen; use at most ${entry.evaluationPeriods}`,
    ]);
  }
  return problems;
}

/** A period that is not a whole number of the query's bins has periods without a datum, or splits one. */
function binProblems(target: AlarmTarget, period: number): string[] {
  const bins = target.query?.compiled.binPeriods ?? [];
  return bins
    .filter((bin) => bin > 0 && period % bin !== 0)
    .map(
      (bin) =>
        `${formatMs(period)} is not a multiple of ${target.query!.name}'s bin(${formatMs(bin)}), so some periods would hold no datum of ${target.metricName}; use e.g. ${formatMs(bin * Math.max(1, Math.round(period / bin)))}`,
    );
}

function nameProblems(targets: readonly AlarmTarget[], prefix: string | undefined): [number, string][] {
  const seen = new Map<string, AlarmTarget>();
  const problems: [number, string][] = [];
  const room = 255 - (prefix?.length ?? DEFAULT_PREFIX_ROOM);
  for (const target of targets) {
    const first = seen.get(target.suffix);
    if (first === undefined) seen.set(target.suffix, target);
    else if (first.index !== target.index || first.metricName !== target.metricName) {
      problems.push([
        target.index,
        `the alarm name "${target.suffix}" is already used by alarms.metrics[${first.index}]; give this one its own name:`,
      ]);
    }
    if (target.suffix.length > room)
      problems.push([
        target.index,
        `"${target.suffix}" makes an alarm name longer than the 255 characters CloudWatch allows; give a shorter name:`,
      ]);
  }
  return problems;
}
