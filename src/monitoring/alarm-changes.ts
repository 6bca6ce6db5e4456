// What PutMetricAlarm would change in an existing alarm: the fields `alarms sync` sets, compared
// with what DescribeAlarms returns for it. Fields the sync leaves unset (Unit, ExtendedStatistic, a
// math alarm's Metrics) must be unset too, or the Put would clear them. Where DescribeAlarms may
// leave a member out, the documented default stands in (PutMetricAlarmCommand.d.ts: ActionsEnabled
// "The default is TRUE", TreatMissingData "the default behavior of missing", DatapointsToAlarm
// used only for "M out of N", so N of N without it); action lists are sets.
import type { MetricAlarm, PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";

export interface FieldChange {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

type Alarmish = Pick<MetricAlarm, Exclude<keyof MetricAlarm & keyof PutMetricAlarmCommandInput, "EvaluationCriteria">>;

const FIELDS = [
  "AlarmDescription",
  "ActionsEnabled",
  "AlarmActions",
  "OKActions",
  "InsufficientDataActions",
  "Namespace",
  "MetricName",
  "Dimensions",
  "Statistic",
  "ExtendedStatistic",
  "Period",
  "Unit",
  "EvaluationPeriods",
  "DatapointsToAlarm",
  "Threshold",
  "ComparisonOperator",
  "TreatMissingData",
  "Metrics",
  "ThresholdMetricId",
] as const satisfies readonly (keyof Alarmish)[];

export function alarmChanges(desired: PutMetricAlarmCommandInput, existing: MetricAlarm): FieldChange[] {
  return FIELDS.flatMap((field) => {
    const from = shown(field, existing);
    const to = shown(field, desired);
    return from === to ? [] : [{ field, ...shortened(from, to) }];
  });
}

function shown(field: (typeof FIELDS)[number], alarm: Alarmish): string {
  switch (field) {
    case "ActionsEnabled":
      return String(alarm.ActionsEnabled ?? true);
    case "TreatMissingData":
      return alarm.TreatMissingData ?? "missing";
    case "DatapointsToAlarm":
      return String(alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods);
    case "AlarmActions":
    case "OKActions":
    case "InsufficientDataActions":
      return list([...(alarm[field] ?? [])].sort());
    case "Dimensions":
      return list((alarm.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).sort());
    case "Metrics":
      return alarm.Metrics === undefined || alarm.Metrics.length === 0 ? "(none)" : JSON.stringify(alarm.Metrics);
    default: {
      const value = alarm[field];
      return value === undefined || value === "" ? "(none)" : typeof value === "string" ? JSON.stringify(value) : String(value);
    }
  }
}

/** Long values (descriptions) are shown around where they first differ: enough to tell them apart. */
function shortened(from: string, to: string): { from: string; to: string } {
  if (from.length <= 80 && to.length <= 80) return { from, to };
  let same = 0;
  while (same < from.length && from[same] === to[same]) same++;
  const start = Math.max(0, same - 20);
  const cut = (text: string) => `${start > 0 ? "…" : ""}${text.slice(start, start + 70)}${text.length > start + 70 ? "…" : ""}`;
  return { from: cut(from), to: cut(to) };
}

const list = (items: readonly string[]): string => (items.length === 0 ? "(none)" : items.join(", "));
