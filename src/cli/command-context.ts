// What run, backfill and state share: the loaded config, the clock (--now), AWS settings with the
// command-line overrides, and the state file path.
import { loadConfig } from "../config/load-config.js";
import type { LoadedConfig } from "../config/resolved.js";
import type { AwsSettings } from "../aws/clients.js";
import { defaultStatePath } from "../state/store.js";
import { clockStartingAt, systemClock, type Clock } from "../util/clock.js";
import { dirname, resolve } from "node:path";
import { homedir } from "node:os";
import { endpointUrl, REGION_FORM } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { parseTimeOption } from "./time-option.js";
import type { WindowSettings } from "../windows/windows.js";

export interface AwsOverrides {
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly profile?: string;
}

export interface CommandContext {
  readonly loaded: LoadedConfig;
  readonly clock: Clock;
  readonly aws: AwsSettings;
  readonly statePath: string;
  /** The config path as the user wrote it, for commands we suggest. */
  readonly configArgument: string;
}

/** The real clock, or with `--now` one that reads that time now and runs on from there. */
export function commandClock(now: string | undefined): Clock {
  return now === undefined ? systemClock : clockStartingAt(parseTimeOption("--now", now));
}

/** `clock`: the command's clock when it has made one already (its log runs on it). */
export async function commandContext(
  config: string,
  options: AwsOverrides & { readonly now?: string },
  clock = commandClock(options.now),
): Promise<CommandContext> {
  const endpointUrl = options.endpointUrl === undefined ? undefined : parseEndpointOption("--endpoint-url", options.endpointUrl);
  const loaded = await loadConfig(config);
  const aws = loaded.config.aws ?? {};
  if (options.region !== undefined) checkRegionOption(options.region);
  const pick = (override: string | undefined, configured: string | undefined) => override ?? configured;
  // Where each was given, as messages name it: the option, or the key in this config file.
  const origin = (override: string | undefined, configured: string | undefined, option: string, key: string) =>
    override !== undefined ? option : configured !== undefined ? `${key} in ${config}` : undefined;
  const settings: AwsSettings = {
    ...defined("region", pick(options.region, aws.region)),
    ...defined("profile", pick(options.profile, aws.profile)),
    ...defined("endpoint", pick(endpointUrl, aws.endpoint)),
    origins: {
      ...defined("region", origin(options.region, aws.region, "--region", "aws.region")),
      ...defined("profile", origin(options.profile, aws.profile, "--profile", "aws.profile")),
      ...defined("endpoint", origin(endpointUrl, aws.endpoint, "--endpoint-url", "aws.endpoint")),
    },
  };
  const configured = loaded.config.state.path?.replace(/^~(?=\/)/, homedir());
  const statePath = configured === undefined ? defaultStatePath(loaded.path) : resolve(dirname(loaded.path), configured);
  return { loaded, clock, aws: settings, statePath, configArgument: config };
}

/** A --region the SDK would refuse only at the first call ("Region not accepted"): refused here, with the fix. */
function checkRegionOption(region: string): void {
  if (!REGION_FORM.test(region)) throw new UsageError(`--region "${region}" is not a Region name; write one like us-east-1 or eu-west-1`);
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The config's schedule as the windows code takes it. */
export function windowSettings({ loaded }: CommandContext): WindowSettings {
  const { schedule } = loaded.config;
  return {
    period: schedule.period,
    lag: schedule.lag,
    maxCatchUp: schedule.maxCatchUp,
    ...(schedule.startAt === undefined ? {} : { startAt: Date.parse(schedule.startAt) }),
  };
}

// A command-line URL is checked like the config key it overrides, so a typo is a usage error (exit 2)
// naming the option rather than an "Invalid URL" from the SDK's first call.
/** `value` when it is a full http(s) URL; otherwise a UsageError naming `option` with a valid example. */
export function parseEndpointOption(option: string, value: string): string {
  const result = endpointUrl.safeParse(value);
  if (!result.success)
    throw new UsageError(`${option} "${value}" is not valid: ${result.error.issues[0]?.message ?? "use a full http:// or https:// URL"}`);
  return result.data;
}
