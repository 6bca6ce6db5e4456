// The run config (e.g. prod.yaml). Strict objects: a misspelt key is an error, not a silent default.
// The JSON Schema shipped for editors (schema/config.schema.json) is generated from this file.
import { z } from "zod";
import { isTimeZone } from "../sources/files/zone-offset.js";
import { duration } from "./duration.js";
import { OUTPUT_FORMATS } from "../cli/output-formats.js";
import { dimensionValuesSchema } from "./query-schema.js";

const logGroup = z
  .string()
  .min(1)
  .max(2048)
  .regex(
    /^(?:[.\-_/#A-Za-z0-9]{1,512}|arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]{1,512})$/,
    "use a log group name such as /var/log/mail.log or an ARN arn:aws:logs:REGION:ACCOUNT:log-group:NAME (no trailing :*)",
  )
  .describe("A log group name or ARN");

const logGroups = z
  .array(logGroup)
  .min(1)
  .max(50, "StartQuery takes at most 50 log groups; split them over several queries entries")
  .describe("Log groups to query (1-50 names or ARNs)");

/** An http(s) URL: `aws.endpoint`, and `--endpoint-url` (src/cli/url-option.ts), are checked alike. */
export const endpointUrl = z.url({ protocol: /^https?$/, error: "use a full http:// or https:// URL, e.g. http://127.0.0.1:4566" });

export const awsSchema = z
  .strictObject({
    region: z.string().min(1).optional().describe("AWS Region; default: AWS_REGION or the profile's region"),
    profile: z.string().min(1).optional().describe("Named profile from ~/.aws/config; default: the SDK's default chain"),
    endpoint: endpointUrl
      .optional()
      .describe("Endpoint for both CloudWatch Logs and CloudWatch, for tests and VPC endpoints; AWS_ENDPOINT_URL_* still work"),
  })
  .describe("Where and as whom to call AWS. Credentials always come from the SDK's default chain, never from here");

const cloudwatchLogsSource = z.strictObject({
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

const filesSource = z.strictObject({
  type: z.literal("files"),
  paths: z
    .array(z.string().min(1))
    .min(1)
    .describe("Log files or globs (mail.log*), relative to this config file; plain or .gz; - for stdin"),
  timezone: z
    .string()
    .min(1)
    .refine(isTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone; use e.g. UTC or Europe/Berlin` })
    .default("UTC")
    .describe("IANA time zone of syslog timestamps that carry none, e.g. Europe/Berlin"),
  year: z.int().min(1970).max(9999).optional().describe("Year of syslog timestamps that carry none; default: inferred"),
});

export const sourceSchema = z
  .discriminatedUnion("type", [cloudwatchLogsSource, filesSource])
  .describe("Where the log lines are: CloudWatch Logs (type: cloudwatch-logs) or local files (type: files)");

const cloudwatchSink = z.strictObject({
  type: z.literal("cloudwatch"),
  namespace: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^:][\x20-\x7e]*$/, "use printable ASCII, not starting with ':'")
    .refine((ns) => !ns.startsWith("AWS/"), "the AWS/ prefix is reserved for AWS services; use e.g. Mail/Postfix")
    .describe("CloudWatch namespace of the published metrics, e.g. Mail/Postfix"),
  storageResolution: z
    .union([z.literal(1), z.literal(60)])
    .default(60)
    .describe("60 = standard resolution, 1 = high resolution (costs more)"),
});

const stdoutSink = z.strictObject({
  type: z.literal("stdout"),
  output: z.enum(OUTPUT_FORMATS).optional().describe("Format; default: table on a terminal, ndjson otherwise"),
});

export const sinkSchema = z
  .discriminatedUnion("type", [cloudwatchSink, stdoutSink])
  .describe("Where the datums go: CloudWatch metrics (type: cloudwatch) or standard output (type: stdout)");

export const scheduleSchema = z
  .strictObject({
    period: duration.prefault("5m").describe("Window length; windows are aligned to it in UTC. A multiple of the queries' bin()"),
    lag: duration.prefault("5m").describe("Settle time for late logs: a window is due once its end + lag has passed"),
    startAt: z.iso
      .datetime({ offset: true, error: "use an ISO datetime with a zone, e.g. 2026-11-28T00:00:00Z" })
      .optional()
      .describe("First window to publish when there is no state yet; default: the last due window"),
    maxCatchUp: duration.prefault("24h").describe("Most a run catches up after missed runs; older windows are reported for backfill"),
    concurrency: z.int().min(1).max(30).default(4).describe("Queries running at once in backfill (the account quota is shared)"),
  })
  .prefault({})
  .describe("How time is cut into windows");

export const stateSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Remember published windows; only a stdout sink may turn this off"),
    path: z.string().min(1).optional().describe("State file; default: $XDG_STATE_HOME/mail-metrics/<config name>.json"),
    strictModes: z
      .boolean()
      .default(true)
      .describe(
        "Refuse a state whose directory, parents, state or lock file another user could change, as ssh does with keys; false skips the check",
      ),
  })
  .prefault({})
  .describe("Where mail-metrics records what it has published");

export const queryRefSchema = z
  .strictObject({
    builtin: z.string().min(1).optional().describe("Name of a query shipped in queries/, e.g. postfix-smtp-status"),
    file: z.string().min(1).optional().describe("Path of a query definition YAML, relative to this config file"),
    logGroups: logGroups.optional().describe("Log groups for this query instead of source.logGroups"),
    queryLimit: z.int().min(1).max(100_000).optional().describe("StartQuery limit for this query"),
    dimensions: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe("Dimensions added to this query's mapping, e.g. { Relay: mx-1 }"),
    zeroFill: z.array(z.string().min(1)).optional().describe("Replaces the query's zeroFill list"),
    dimensionValues: dimensionValuesSchema
      .optional()
      .describe(
        "Value tables per dimension, each replacing the query's table for that dimension, e.g. { Provider: { map: { google.com: Google }, default: other } }",
      ),
  })
  .refine((ref) => (ref.builtin === undefined) !== (ref.file === undefined), {
    message: "give exactly one of builtin: (a shipped query) or file: (your own)",
  });

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema for editors"),
    aws: awsSchema.optional(),
    source: sourceSchema,
    sink: sinkSchema,
    schedule: scheduleSchema,
    state: stateSchema,
    queries: z.array(queryRefSchema).min(1).describe("The queries to run, each published as its own series"),
  })
  .describe("mail-metrics run configuration");

export type Config = z.output<typeof configSchema>;
export type QueryRef = z.output<typeof queryRefSchema>;
export type SourceConfig = z.output<typeof sourceSchema>;
export type SinkConfig = z.output<typeof sinkSchema>;
