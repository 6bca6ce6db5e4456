// The CloudWatch Logs source as the config and a run know it: its part of the config
// (`source: { type: cloudwatch-logs }`) and how a run opens it. Its code, and the AWS SDK, are
// loaded only when a run opens it.
import { z } from "zod";
import { duration } from "../../util/duration.js";
import type { SourceKind } from "../source.js";

const logGroup = z
  .string()
  .min(1)
  .max(2048)
  .regex(
    /^(?:[.\-_/#A-Za-z0-9]{1,512}|arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]{1,512})$/,
    "use a log group name such as /var/log/mail.log or an ARN arn:aws:logs:REGION:ACCOUNT:log-group:NAME (no trailing :*)",
  )
  .describe("A log group name or ARN");

/** Also the per-query override (`queries[].logGroups`). */
export const logGroups = z
  .array(logGroup)
  .min(1)
  .max(50, "StartQuery takes at most 50 log groups; split them over several queries entries")
  .describe("Log groups to query (1-50 names or ARNs)");

const schema = z.strictObject({
  type: z.literal("cloudwatch-logs"),
  logGroups,
  queryLimit: z
    .int()
    .min(1)
    .max(100_000)
    .default(10_000)
    .describe("StartQuery `limit`: rows a query may return. A result that reaches it is split and re-run"),
  queryTimeout: duration.prefault("15m").describe("Give up (and StopQuery) on a query still running after this long"),
});

export const cloudwatchLogsSourceKind: SourceKind<typeof schema> = {
  schema,
  async open(config, deps) {
    const [{ cloudWatchSource }, clients] = await Promise.all([import("./source.js"), deps.aws()]);
    return cloudWatchSource({
      logs: clients.logs,
      starter: clients.logsStarter,
      clock: deps.clock,
      logGroups: config.logGroups,
      queryLimit: config.queryLimit,
      queryTimeout: config.queryTimeout,
      ...(deps.trace === undefined ? {} : { trace: deps.trace }),
    });
  },
};
