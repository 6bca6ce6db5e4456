// The real SDK clients, configured as the task brief prescribes, pointed at a stand-in.
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { STSClient } from "@aws-sdk/client-sts";
// @smithy/core ships with the SDK (not a direct dependency). ConfiguredRetryStrategy keeps the SDK's
// own error classification (throttling / transient / client error) and only shortens the backoff,
// so tests that go through retries stay fast without changing what gets retried.
import { ConfiguredRetryStrategy } from "@smithy/core/retry";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export interface ClientOptions {
  /** Use the SDK's default retry strategy (real backoff: throttling base 1 s). */
  readonly defaultRetry?: boolean;
  readonly maxAttempts?: number;
  /** Below this body size the SDK does not gzip PutMetricData (SDK default 10,240). */
  readonly requestMinCompressionSizeBytes?: number;
}

function common(endpoint: string, options: ClientOptions) {
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    ...(options.defaultRetry ? {} : { retryStrategy: new ConfiguredRetryStrategy(options.maxAttempts ?? 3, 1) }),
  };
}

export function logsClient(endpoint: string, options: ClientOptions = {}): CloudWatchLogsClient {
  return new CloudWatchLogsClient(common(endpoint, options));
}

export function metricsClient(endpoint: string, options: ClientOptions = {}): CloudWatchClient {
  const compression = options.requestMinCompressionSizeBytes;
  return new CloudWatchClient({
    ...common(endpoint, options),
    ...(compression === undefined ? {} : { requestMinCompressionSizeBytes: compression }),
  });
}

export function stsClient(endpoint: string, options: ClientOptions = {}): STSClient {
  return new STSClient(common(endpoint, options));
}
