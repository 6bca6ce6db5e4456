// `alarms sync`: make the account's alarms under the prefix what the config says, and nothing more.
// DescribeAlarms first; an alarm equal to the config's is left alone, so a second sync makes no
// write call. Only alarms carrying this config's owner tag are ever updated or deleted: a same-named
// alarm made by hand stops the sync before any write. PutMetricAlarm sets tags when it creates an
// alarm and ignores them on update (PutMetricAlarmCommand.d.ts), so the tag set at creation stays.
import type { MetricAlarm, PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { RuntimeError } from "../errors.js";
import { deleteAlarms, describeAlarms, putAlarm, tagsOf, type MetricsClient } from "./cloudwatch-calls.js";
import { alarmChanges, type FieldChange } from "./alarm-changes.js";
import { OWNER_TAG } from "./desired-alarms.js";

export type AlarmStep =
  | { readonly kind: "create"; readonly name: string; readonly input: PutMetricAlarmCommandInput }
  | { readonly kind: "update"; readonly name: string; readonly input: PutMetricAlarmCommandInput; readonly changes: readonly FieldChange[] }
  | { readonly kind: "unchanged"; readonly name: string }
  | { readonly kind: "delete"; readonly name: string }
  /** Made by this sync once, no longer in the config; deleted only with --prune. */
  | { readonly kind: "keep"; readonly name: string }
  /** Under the prefix but without this config's tag: never touched. */
  | { readonly kind: "foreign"; readonly name: string };

export interface SyncRequest {
  readonly client: MetricsClient;
  readonly prefix: string;
  /** This config's name: the owner tag's value. */
  readonly owner: string;
  readonly desired: readonly PutMetricAlarmCommandInput[];
  readonly prune: boolean;
}

/** What a sync would do, from reads only (DescribeAlarms, ListTagsForResource). */
export async function planAlarmSync(request: SyncRequest): Promise<AlarmStep[]> {
  const existing = new Map((await describeAlarms(request.client, request.prefix)).map((alarm) => [alarm.AlarmName!, alarm]));
  const steps: AlarmStep[] = [];
  const taken: string[] = [];
  for (const input of request.desired) {
    const name = input.AlarmName!;
    const alarm = existing.get(name);
    const changes = alarm === undefined ? [] : alarmChanges(input, alarm);
    if (alarm === undefined) steps.push({ kind: "create", name, input });
    else if (changes.length === 0) steps.push({ kind: "unchanged", name });
    else if (await owned(request, alarm)) steps.push({ kind: "update", name, input, changes });
    else taken.push(name);
  }
  if (taken.length > 0) throw foreignNames(taken, request.owner);
  const wanted = new Set(request.desired.map((input) => input.AlarmName));
  for (const [name, alarm] of existing) {
    if (wanted.has(name)) continue;
    if (!(await owned(request, alarm))) steps.push({ kind: "foreign", name });
    else steps.push({ kind: request.prune ? "delete" : "keep", name });
  }
  return steps;
}

/** Carries out a plan: Put for each create and update, then the deletes, in batches. */
export async function applyAlarmSync(client: MetricsClient, steps: readonly AlarmStep[]): Promise<void> {
  for (const step of steps) if (step.kind === "create" || step.kind === "update") await putAlarm(client, step.input);
  await deleteAlarms(
    client,
    steps.filter((step) => step.kind === "delete").map((step) => step.name),
  );
}

async function owned(request: SyncRequest, alarm: MetricAlarm): Promise<boolean> {
  return (await tagsOf(request.client, alarm)).get(OWNER_TAG) === request.owner;
}

function foreignNames(names: readonly string[], owner: string): RuntimeError {
  return new RuntimeError(
    `alarms sync: ${names.join(", ")} ${names.length === 1 ? "exists" : "exist"} but ${names.length === 1 ? "was" : "were"} not made by alarms sync for this config ` +
      `(no tag ${OWNER_TAG}=${owner}), so ${names.length === 1 ? "it is" : "they are"} left alone and nothing was changed; ` +
      `delete ${names.length === 1 ? "it" : "them"} in the CloudWatch console, or give the config's alarm another name: (or alarms.namePrefix)`,
  );
}
