// `mail-metrics alarms sync --config FILE [--dry-run] [--prune]`: the config's `alarms:` as
// CloudWatch alarms. One line per alarm on stdout (create, update with the changed fields,
// unchanged, delete, keep, left alone), then a summary; `--dry-run` reads and prints, and writes nothing.
import type { AlarmStep } from "../../monitoring/sync-alarms.js";
import { ConfigError } from "../../errors.js";
import { configName } from "../../metrics/heartbeat-names.js";
import { commandContext, type AwsOverrides } from "../command-context.js";

export interface AlarmsSyncOptions extends AwsOverrides {
  readonly config: string;
  readonly dryRun?: boolean;
  readonly prune?: boolean;
}

export async function alarmsSync(options: AlarmsSyncOptions): Promise<number> {
  const context = await commandContext(options.config, options);
  const { loaded } = context;
  if (loaded.config.alarms === undefined) {
    throw new ConfigError(loaded.path, [
      { path: "alarms", message: "missing: this config declares no alarms; add an alarms: section (config.example.yaml shows one)" },
    ]);
  }
  const { desiredAlarms, alarmNamePrefix } = await import("../../monitoring/desired-alarms.js");
  const { planAlarmSync, applyAlarmSync } = await import("../../monitoring/sync-alarms.js");
  const desired = desiredAlarms(loaded);
  const clients = (await import("../../aws/clients.js")).createClients(context.aws, context.clock);
  try {
    const request = {
      client: clients.metrics,
      prefix: alarmNamePrefix(loaded),
      owner: configName(loaded.path),
      desired,
      prune: options.prune === true,
    };
    const steps = await planAlarmSync(request);
    process.stdout.write(steps.map((step) => `${stepLine(step, configName(loaded.path))}\n`).join(""));
    if (!options.dryRun) await applyAlarmSync(clients.metrics, steps);
    process.stdout.write(`${summary(steps, options.dryRun === true)}\n`);
  } finally {
    clients.destroy();
  }
  return 0;
}

function stepLine(step: AlarmStep, owner: string): string {
  switch (step.kind) {
    case "create":
      return `create     ${step.name}`;
    case "update":
      return `update     ${step.name}: ${step.changes.map((change) => `${change.field} ${change.from} → ${change.to}`).join("; ")}`;
    case "unchanged":
      return `unchanged  ${step.name}`;
    case "delete":
      return `delete     ${step.name}`;
    case "keep":
      return `keep       ${step.name}: no longer in the config; alarms sync --prune deletes it`;
    case "foreign":
      return `left alone ${step.name}: under the prefix, but not made by alarms sync for this config (no tag mail-metrics:config=${owner})`;
  }
}

function summary(steps: readonly AlarmStep[], dryRun: boolean): string {
  const count = (kind: AlarmStep["kind"]) => steps.filter((step) => step.kind === kind).length;
  const [created, updated, deleted, unchanged] = [count("create"), count("update"), count("delete"), count("unchanged")];
  if (created + updated + deleted === 0)
    return `alarms sync: no change (${unchanged} ${unchanged === 1 ? "alarm" : "alarms"} as the config says)`;
  if (dryRun)
    return `alarms sync --dry-run: would create ${created}, update ${updated}, delete ${deleted}; ${unchanged} unchanged; nothing was changed`;
  return `alarms sync: ${created} created, ${updated} updated, ${deleted} deleted, ${unchanged} unchanged`;
}
