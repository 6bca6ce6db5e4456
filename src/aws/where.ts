// How the AWS settings of a run were given (--region, aws.region in the config, AWS_REGION, …), so a
// failure names the profile, the region and the endpoint as the user gave them, and where to fix
// them. The SDK resolves them itself; this only says where each came from.

/** A value and where it was given: `--profile`, `aws.profile in prod.yaml`, `AWS_PROFILE`. */
export interface Given {
  readonly value: string;
  readonly from: string;
}

export interface AwsWhere {
  readonly region?: Given;
  readonly profile?: Given;
  readonly endpoint?: Given;
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set (ignored by the SDK while a profile is). */
  readonly envKeys: boolean;
}

export interface Origins {
  readonly region?: string;
  readonly profile?: string;
  readonly endpoint?: string;
}

export function whereOf(
  settings: { readonly region?: string; readonly profile?: string; readonly endpoint?: string; readonly origins?: Origins },
  env: NodeJS.ProcessEnv = process.env,
): AwsWhere {
  const given = (value: string | undefined, from: string | undefined, variable: string): Given | undefined => {
    if (value !== undefined) return { value, from: from ?? "the config" };
    const fromEnv = env[variable];
    return fromEnv === undefined || fromEnv === "" ? undefined : { value: fromEnv, from: variable };
  };
  const region = given(settings.region, settings.origins?.region, "AWS_REGION");
  const profile = given(settings.profile, settings.origins?.profile, "AWS_PROFILE");
  const endpoint =
    settings.endpoint === undefined ? undefined : { value: settings.endpoint, from: settings.origins?.endpoint ?? "the config" };
  return {
    ...(region === undefined ? {} : { region }),
    ...(profile === undefined ? {} : { profile }),
    ...(endpoint === undefined ? {} : { endpoint }),
    envKeys: Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY),
  };
}

/** `"us-east-1" (from aws.region in prod.yaml)`, or where the SDK looks when none was given. */
export function regionText(where: AwsWhere): string {
  if (where.region !== undefined) return `"${where.region.value}" (from ${where.region.from})`;
  return where.profile === undefined
    ? "the default profile's region (~/.aws/config)"
    : `the region of profile "${where.profile.value}" (~/.aws/config)`;
}

export function profileText(profile: Given): string {
  return `profile "${profile.value}" (from ${profile.from})`;
}

/**
 * When a profile is set, the SDK takes credentials from it and ignores keys in the environment
 * (@aws-sdk/credential-provider-node defaultProvider: "This SDK will proceed with the AWS_PROFILE
 * value"). Said once, in place of the SDK's eight-line warning.
 */
export function whichCredentialsWin(where: AwsWhere): string | undefined {
  if (where.profile === undefined || !where.envKeys) return undefined;
  return (
    `both ${profileText(where.profile)} and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set: the profile's credentials are used, ` +
    "the keys in the environment are not; unset one of them"
  );
}
