// The run config (e.g. prod.yaml). Strict objects: a misspelt key is an error, not a silent default.
// The JSON Schema shipped for editors (schema/config.schema.json) is generated from this file.
// `source:` and `sink:` are each one of the schemas their kinds bring (sources/registry.ts, sinks/registry.ts).
import { z } from "zod";
import { dimensionValuesSchema } from "../metrics/mapping.js";
import { SINK_KINDS } from "../sinks/registry.js";
import { logGroups } from "../sources/cloudwatch/kind.js";
import { SOURCE_KINDS } from "../sources/registry.js";
import { duration } from "../util/duration.js";
import { alarmsSchema } from "./alarms-schema.js";
import { dashboardSchema } from "./dashboard-schema.js";

/** The schemas of `kinds`, as the tuple z.discriminatedUnion takes. */
type SchemasOf<Kinds extends readonly { readonly schema: z.ZodObject }[]> = { -readonly [K in keyof Kinds]: Kinds[K]["schema"] };
const schemasOf = <Kinds extends readonly { readonly schema: z.ZodObject }[]>(kinds: Kinds) =>
  kinds.map((kind) => kind.schema) as SchemasOf<Kinds>;

/** An http(s) URL: `aws.endpoint`, and `--endpoint-url` (src/cli/command-context.ts), are checked alike. */
export const endpointUrl = z.url({ protocol: /^https?$/, error: "use a full http:// or https:// URL, e.g. http://127.0.0.1:4566" });

/**
 * What the SDK takes as a region: a valid host label (checkRegion in @smithy/core's config
 * submodule refuses anything else before the first call: "Region not accepted: … is not a valid
 * hostname component"). Whether AWS has such a Region only a call can tell (mail-metrics doctor).
 */
export const REGION_FORM = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export const awsSchema = z
  .strictObject({
    region: z
      .string()
      .regex(REGION_FORM, "not a Region name; write one like us-east-1 or eu-west-1 (letters, digits and hyphens)")
      .optional()
      .describe("AWS Region; default: AWS_REGION or the profile's region"),
    profile: z.string().min(1).optional().describe("Named profile from ~/.aws/config; default: the SDK's default chain"),
    endpoint: endpointUrl
      .optional()
      .describe(
        "Endpoint for CloudWatch Logs and CloudWatch (and doctor's STS call), for tests and VPC endpoints; AWS_ENDPOINT_URL_* still work",
      ),
  })
  .describe("Where and as whom to call AWS. Credentials always come from the SDK's default chain, never from here");

export const sourceSchema = z
  .discriminatedUnion("type", schemasOf(SOURCE_KINDS))
  .describe("Where the log lines are: CloudWatch Logs (type: cloudwatch-logs) or local files (type: files)");

export const sinkSchema = z
  .discriminatedUnion("type", schemasOf(SINK_KINDS))
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
        "Refuse a state whose directory, parents, state or lock file another user could change, as ssh does with keys; false " +
          "skips the check",
      ),
    stuckAfter: duration
      .prefault("1h")
      .describe(
        "A run that finds the lock held longer than this by a live run reports it as stuck (exit 1) instead of one line and exit 0",
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
        "Value tables per dimension, each replacing the query's table for that dimension, e.g. " +
          "{ Provider: { map: { google.com: Google }, default: other } }",
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
    alarms: alarmsSchema.optional(),
    dashboard: dashboardSchema.optional(),
  })
  .describe("mail-metrics run configuration");

export type Config = z.output<typeof configSchema>;
export type QueryRef = z.output<typeof queryRefSchema>;
export type SourceConfig = z.output<typeof sourceSchema>;
export type SinkConfig = z.output<typeof sinkSchema>;
