// A config with alarms, loaded from a temporary directory: what the monitoring tests start from.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load-config.js";
import type { LoadedConfig } from "../../src/config/resolved.js";
import { tempTree } from "../config/temp-tree.js";

const HEAD = `source: { type: cloudwatch-logs, logGroups: [/mail/postfix] }
sink: { type: cloudwatch, namespace: Mail/Postfix }
queries:
  - builtin: postfix-smtp-status
    dimensions: { Environment: prod }
  - builtin: postfix-delivery-status
    dimensions: { Environment: prod }
`;

export interface AlarmConfigOptions {
  readonly file?: string;
  readonly extraQueries?: string;
  readonly files?: Record<string, string>;
  /** Write into this directory (an edit of an earlier config, same path) instead of a fresh one. */
  readonly dir?: string;
}

/** Two shipped queries (Environment: prod) and `alarms` (YAML under `alarms:`), in `<dir>/<file>`. */
export async function alarmConfig(alarms: string, options: AlarmConfigOptions = {}): Promise<LoadedConfig> {
  const file = options.file ?? "prod.yaml";
  const files = { [file]: `${HEAD}${options.extraQueries ?? ""}alarms:\n${alarms}`, ...options.files };
  const dir = options.dir ?? tempTree(files);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return loadConfig(join(dir, file), { env: {} });
}

export const GMAIL_AND_HEARTBEAT = `  metrics:
    - { metric: 550-5_7_26, threshold: 1, description: Gmail rejects mail as unauthenticated. }
    - { metric: mail-metrics-window-age, threshold: 1200, comparison: ">", evaluationPeriods: 3 }
`;

/** A query publishing `bounced` per relay host: a dimension taken from its rows. */
export const BY_RELAY = `name: bounced-by-relay
query: |
  parse @message /relay=(?<relay>[a-z0-9.-]+)\\[.*status=bounced/
  | filter ispresent(relay)
  | stats count(*) as n by relay, bin(5m) as t
metric: { name: bounced, value: n, timestamp: t, dimensions: { Relay: "{relay}" } }
`;
