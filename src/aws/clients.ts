// Builds the SDK clients. Imported only by commands that talk to AWS (the SDK takes ~100 ms to load).
// Credentials come from the SDK's default chain only: env, shared profile, SSO, instance role.
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { Clock } from "../util/clock.js";
import { annotateErrors, type AnyMiddlewareStack } from "./sent-or-not.js";
import { nonIdempotentPolicy, readPolicy, retryStrategy } from "./retry.js";
import { whereOf, whichCredentialsWin, type AwsWhere, type Origins } from "./where.js";

export interface AwsSettings {
  readonly region?: string;
  readonly profile?: string;
  /** Overrides the endpoint of both services; AWS_ENDPOINT_URL_* apply when unset. */
  readonly endpoint?: string;
  /** Where each was given (`--region`, `aws.region in prod.yaml`), for messages. */
  readonly origins?: Origins;
}

export interface AwsClients {
  /** GetQueryResults, StopQuery and other idempotent calls. */
  readonly logs: CloudWatchLogsClient;
  /** StartQuery only: retries nothing that may have started a query. */
  readonly logsStarter: CloudWatchLogsClient;
  /** GetMetricData and other idempotent calls. */
  readonly metrics: CloudWatchClient;
  /** PutMetricData only: retries nothing that may have landed. */
  readonly metricsWriter: CloudWatchClient;
  destroy(): void;
}

// A hung connection must not hold a cron run forever; a timed-out PutMetricData is treated as
// "fate unknown" and settled by read-back, never blindly re-sent.
const requestHandler = { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true };

/** What every client of a command shares: region, profile, endpoint, timeouts, and a logger for the SDK's warnings. */
export function commonConfig(settings: AwsSettings, warn: (message: string) => void) {
  const where = whereOf(settings);
  return {
    where,
    config: {
      ...(settings.region === undefined ? {} : { region: settings.region }),
      ...(settings.profile === undefined ? {} : { profile: settings.profile }),
      ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
      requestHandler,
      logger: sdkLogger(where, warn),
    },
  };
}

/** `warn` gets the SDK's warnings that reach the user, in our words; by default stderr. */
export function createClients(settings: AwsSettings, clock: Clock, warn: (message: string) => void = stderrWarning): AwsClients {
  const { where, config } = commonConfig(settings, warn);
  const logs = instrument(new CloudWatchLogsClient({ ...config, retryStrategy: retryStrategy(readPolicy, clock) }), where);
  const logsStarter = instrument(new CloudWatchLogsClient({ ...config, retryStrategy: retryStrategy(nonIdempotentPolicy, clock) }), where);
  const metrics = instrument(new CloudWatchClient({ ...config, retryStrategy: retryStrategy(readPolicy, clock) }), where);
  const metricsWriter = instrument(new CloudWatchClient({ ...config, retryStrategy: retryStrategy(nonIdempotentPolicy, clock) }), where);
  return {
    logs,
    logsStarter,
    metrics,
    metricsWriter,
    destroy() {
      logs.destroy();
      logsStarter.destroy();
      metrics.destroy();
      metricsWriter.destroy();
    },
  };
}

export function instrument<C extends { middlewareStack: AnyMiddlewareStack }>(client: C, where: AwsWhere): C {
  annotateErrors(client, where);
  return client;
}

const stderrWarning = (message: string) => void process.stderr.write(`mail-metrics: ${message}\n`);

/**
 * The SDK logs through `logger` (NoOpLogger by default, but console.warn for some warnings). Of
 * what it says, only the credential-source warning concerns the user: replaced by one line of ours,
 * once per command. Its debug and info (every call's input and output) are dropped.
 */
function sdkLogger(where: AwsWhere, warn: (message: string) => void) {
  let said = false;
  return {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    error: () => undefined,
    warn: (message: unknown) => {
      const text = String(message);
      if (!text.includes("Multiple credential sources detected")) return;
      if (said) return;
      said = true;
      warn(
        whichCredentialsWin(where) ??
          "both a profile and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set: the profile's credentials are used",
      );
    },
  };
}
