// The built CLI's `alarms sync` and `dashboard` against a fresh stand-in, with a production-like
// config (cloudwatch-logs source, cloudwatch sink, the shipped queries) and the alarms given.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, type CliResult } from "../cli/built-cli.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { CLI_AWS_ENV } from "../pipeline/cloud-fixture.js";
import { tempDir } from "../support/temp-dir.js";

export interface ConsoleSetup {
  readonly standIn: StandIn;
  readonly config: string;
  /** Rewrites the config's alarms: section. */
  setAlarms(yaml: string): void;
  /** Runs the CLI with `args`, --config and --endpoint-url. */
  cli(args: readonly string[]): Promise<CliResult>;
}

export const configText = (alarms: string) => `aws:
  region: eu-west-1
source:
  type: cloudwatch-logs
  logGroups: [/mail/postfix]
sink:
  type: cloudwatch
  namespace: Mail/Postfix
queries:
  - builtin: postfix-smtp-status
    dimensions: { Environment: prod }
  - builtin: postfix-delivery-status
    dimensions: { Environment: prod }
${alarms}`;

export async function withConsole<T>(alarms: string, body: (setup: ConsoleSetup) => Promise<T>): Promise<T> {
  const standIn = await startStandIn();
  const config = join(tempDir("mm-console-"), "prod.yaml");
  const setAlarms = (yaml: string) => writeFileSync(config, configText(yaml));
  setAlarms(alarms);
  try {
    return await body({
      standIn,
      config,
      setAlarms,
      cli: (args) => runCli([...args, "--config", config, "--endpoint-url", standIn.endpoint], { env: CLI_AWS_ENV }),
    });
  } finally {
    await standIn.close();
  }
}

export const ALARMS = `alarms:
  metrics:
    - metric: 550-5_7_26
      threshold: 1
      description: Gmail rejects mail as unauthenticated.
    - metric: mail-metrics-window-age
      threshold: 1200
      comparison: ">"
      evaluationPeriods: 3
`;
