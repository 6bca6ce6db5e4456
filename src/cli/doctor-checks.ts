// `doctor`'s checks, in the order a failure makes the rest moot: the region, the credentials and
// the identity they resolve to, each log group (exists? a one-second StartQuery, stopped at once),
// GetMetricData on the namespace (and the newest heartbeat), then the calls a run of this config
// makes (aws/actions.ts) with what the checks showed of each. Every problem comes with its fix.
import type { AwsCallError } from "../errors.js";
import type { LoadedConfig } from "../config/resolved.js";
import type { AwsClients } from "../aws/clients.js";
import { callsOf, type AwsCall } from "../aws/actions.js";
import { errorName } from "../aws/errors.js";
import { didYouMean } from "../config/closest.js";
import type { Identity, IdentityProbe } from "../aws/identity.js";
import { regionText, profileText } from "../aws/where.js";
import { configName } from "../metrics/heartbeat-names.js";
import { lookUpLogGroup, probeQuery, type QueryProbe } from "../sources/cloudwatch/probe.js";
import { newestHeartbeat } from "../sinks/cloudwatch/probe.js";
import { formatDuration } from "../util/duration.js";
import type { Clock } from "../util/clock.js";

export interface Check {
  readonly status: "ok" | "fail" | "skip" | "note";
  readonly what: string;
  readonly detail: string;
  readonly fix?: string;
}

export interface DoctorDeps {
  readonly loaded: LoadedConfig;
  readonly configArgument: string;
  readonly clock: Clock;
  readonly probe: IdentityProbe;
  readonly clients: AwsClients;
}

/** What each call of `run` was shown to do: allowed (tried), denied, or not tried, by operation. */
type Tried = Map<string, "ok" | AwsCallError>;

export async function doctorChecks(deps: DoctorDeps): Promise<Check[]> {
  const checks: Check[] = [];
  const region = await deps.probe.region().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: error as Error }),
  );
  if (!region.ok)
    return [{ status: "fail", what: "region", detail: region.error.message, fix: "set aws.region in the config, --region or AWS_REGION" }];
  checks.push({
    status: "ok",
    what: "region",
    detail: `${region.value}${deps.probe.where.region === undefined ? `, ${regionText(deps.probe.where)}` : ` (from ${deps.probe.where.region.from})`}`,
  });
  const identity = await deps.probe.identity().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error: error as Error }),
  );
  if (!identity.ok) {
    checks.push({ status: "fail", what: "credentials", detail: identity.error.message });
    return [...checks, { status: "skip", what: "AWS calls", detail: "not tried: every call needs the credentials" }];
  }
  checks.push({ status: "ok", what: "credentials", detail: identityText(identity.value, deps) });
  const tried: Tried = new Map();
  const { config } = deps.loaded;
  if (config.source.type === "cloudwatch-logs") checks.push(...(await logGroupChecks(deps, tried, region.value, identity.value)));
  if (config.sink.type === "cloudwatch") checks.push(await namespaceCheck(deps, tried));
  return [...checks, ...actionChecks(deps, tried, region.value, identity.value)];
}

function identityText(identity: Identity, deps: DoctorDeps): string {
  const { where } = deps.probe;
  const source =
    where.profile !== undefined
      ? profileText(where.profile)
      : where.envKeys
        ? "AWS_ACCESS_KEY_ID in the environment"
        : "the SDK's default chain";
  return `${identity.arn} (account ${identity.account}; ${source})`;
}

/** The log groups of the source and of every query, once each, as the config gives them. */
function logGroupsOf(loaded: LoadedConfig): string[] {
  const { source } = loaded.config;
  const own = source.type === "cloudwatch-logs" ? source.logGroups : [];
  return [...new Set([...own, ...loaded.queries.flatMap((query) => query.logGroups ?? [])])];
}

async function logGroupChecks(deps: DoctorDeps, tried: Tried, region: string, identity: Identity): Promise<Check[]> {
  const checks: Check[] = [];
  for (const group of logGroupsOf(deps.loaded)) {
    const arn = parseLogGroupArn(group);
    const what = `log group ${group}`;
    if (arn !== null && (arn.account !== identity.account || arn.region !== region)) {
      checks.push({
        status: "note",
        what,
        detail: `in account ${arn.account}, region ${arn.region}: not listed from here; the query below tries it`,
      });
    } else {
      const found = await lookUpLogGroup(deps.clients.logs, arn?.name ?? group).catch((error: unknown) => error as AwsCallError);
      if (found instanceof Error && !denied(found)) {
        checks.push({ status: "fail", what, detail: found.message });
        continue;
      }
      // Only doctor lists log groups: a policy made for run need not allow it, and the query below still tells.
      if (found instanceof Error) {
        checks.push({
          status: "note",
          what,
          detail: "not listed: logs:DescribeLogGroups is not allowed (only doctor uses it); the query below tries the group",
        });
      } else if (!found.exists) {
        const near = didYouMean(arn?.name ?? group, found.siblings);
        checks.push({
          status: "fail",
          what,
          detail: `does not exist in ${region} for account ${identity.account}${near}`,
          fix: `correct the log group in ${deps.configArgument} (source.logGroups or a query's logGroups), or the region`,
        });
        continue;
      } else {
        checks.push({ status: "ok", what, detail: `exists in ${region}` });
      }
    }
    checks.push(queryCheck(group, await probeQuery(deps.clients.logs, deps.clients.logsStarter, deps.clock, group), tried));
  }
  return checks;
}

function queryCheck(group: string, probe: QueryProbe, tried: Tried): Check {
  for (const operation of ["StartQuery", "StopQuery", "GetQueryResults"] as const) {
    const outcome = probe[operation];
    if (outcome !== undefined && (tried.get(operation) === undefined || tried.get(operation) === "ok")) tried.set(operation, outcome);
  }
  const failed = (["StartQuery", "StopQuery", "GetQueryResults"] as const)
    .map((op) => probe[op])
    .find((outcome) => outcome instanceof Error);
  if (failed !== undefined) return { status: "fail", what: `query over ${group}`, detail: failed.message };
  return {
    status: "ok",
    what: `query over ${group}`,
    detail: `StartQuery over its last second, StopQuery, GetQueryResults: query ${probe.queryId}, stopped`,
  };
}

async function namespaceCheck(deps: DoctorDeps, tried: Tried): Promise<Check> {
  const { sink } = deps.loaded.config;
  if (sink.type !== "cloudwatch") throw new Error("namespaceCheck needs a cloudwatch sink");
  const what = `metrics in ${sink.namespace}`;
  try {
    const now = deps.clock.now();
    const heartbeat = await newestHeartbeat(deps.clients.metrics, sink.namespace, configName(deps.loaded.path), now);
    tried.set("GetMetricData", "ok");
    if (!sink.heartbeat.enabled)
      return { status: "ok", what, detail: "GetMetricData works (sink.heartbeat is off: no heartbeat to look for)" };
    const seen =
      heartbeat === null
        ? "no heartbeat in the last 3 hours (every run publishes one: has a run of this config finished lately?)"
        : `newest heartbeat ${formatDuration(now - heartbeat.at)} ago, its newest window ${formatDuration(heartbeat.windowAge * 1000)} old then`;
    return { status: "ok", what, detail: `GetMetricData works; ${seen}` };
  } catch (error) {
    tried.set("GetMetricData", error as AwsCallError);
    return { status: "fail", what, detail: (error as Error).message };
  }
}

/** What a run of this config needs, each with what the checks above showed of it. */
function actionChecks(deps: DoctorDeps, tried: Tried, region: string, identity: Identity): Check[] {
  const calls = callsOf("run", deps.loaded.config).filter((call) => call.action !== null);
  return calls.map((call) => {
    const outcome = tried.get(call.operation);
    const what = `${call.action} ${resourceOf(call, deps, region, identity)}`.trim();
    if (outcome === "ok") return { status: "ok", what, detail: `allowed (tried): ${call.why}` };
    if (outcome instanceof Error) {
      // Only a denial says the policy lacks the action; a throttled call or an unreadable answer does not.
      if (!denied(outcome))
        return { status: "note", what, detail: `not shown to work (its call failed above, but not as denied): ${call.why}` };
      return {
        status: "fail",
        what,
        detail: `not shown to work: ${call.why}`,
        fix: `allow ${call.action} in the identity's policy (README, IAM policy)`,
      };
    }
    const why = call.operation === "PutMetricData" ? "doctor publishes nothing" : "a check above failed before it";
    return { status: "note", what, detail: `not tried (${why}): ${call.why}; the README's IAM policy grants it` };
  });
}

function resourceOf(call: AwsCall, deps: DoctorDeps, region: string, identity: Identity): string {
  const { sink } = deps.loaded.config;
  if (call.resource === "namespace" && sink.type === "cloudwatch") return `(condition cloudwatch:namespace = ${sink.namespace})`;
  if (call.resource !== "log-group") return "";
  const arns = logGroupsOf(deps.loaded).map((group) =>
    group.startsWith("arn:") ? group : `arn:aws:logs:${region}:${identity.account}:log-group:${group}`,
  );
  return `on ${arns.map((arn) => `${arn}:*`).join(", ")}`;
}

const denied = (error: AwsCallError): boolean => ["AccessDenied", "AccessDeniedException"].includes(errorName(error.cause));

function parseLogGroupArn(group: string): { region: string; account: string; name: string } | null {
  const match = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:(.+)$/.exec(group);
  return match === null ? null : { region: match[1]!, account: match[2]!, name: match[3]! };
}
