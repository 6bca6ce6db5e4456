// Builds the SDK clients. Imported only by commands that talk to AWS (the SDK takes ~100 ms to load).
// Credentials come from the SDK's default chain only: env, shared profile, SSO, instance role.
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { Clock } from "../util/clock.js";
import { nonIdempotentPolicy, readPolicy, retryStrategy } from "./retry.js";

export interface AwsSettings {
  readonly region?: string;
  readonly profile?: string;
  /** Overrides the endpoint of both services; AWS_ENDPOINT_URL_* apply when unset. */
  readonly endpoint?: string;
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

export function createClients(settings: AwsSettings, clock: Clock): AwsClients {
  const common = {
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    requestHandler,
  };
  const logs = new CloudWatchLogsClient({ ...common, retryStrategy: retryStrategy(readPolicy, clock) });
  const logsStarter = new CloudWatchLogsClient({ ...common, retryStrategy: retryStrategy(nonIdempotentPolicy, clock) });
  const metrics = new CloudWatchClient({ ...common, retryStrategy: retryStrategy(readPolicy, clock) });
  const metricsWriter = new CloudWatchClient({ ...common, retryStrategy: retryStrategy(nonIdempotentPolicy, clock) });
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
