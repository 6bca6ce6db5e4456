// Who the credentials are, and in which region the clients call: STS GetCallerIdentity (which needs
// no permission: GetCallerIdentityCommand.d.ts) through a client configured as the run's are.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { Clock } from "../util/clock.js";
import { commonConfig, instrument, type AwsSettings } from "./clients.js";
import { wrapAwsError } from "./errors.js";
import { readPolicy, retryStrategy } from "./retry.js";
import type { AwsWhere } from "./where.js";

export interface Identity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface IdentityProbe {
  readonly where: AwsWhere;
  /** The region the SDK resolved (from the settings, AWS_REGION or the profile); throws an AwsCallError when it has none. */
  region(): Promise<string>;
  identity(): Promise<Identity>;
  destroy(): void;
}

export function identityProbe(settings: AwsSettings, clock: Clock, warn: (message: string) => void): IdentityProbe {
  const { where, config } = commonConfig(settings, warn);
  const sts = instrument(new STSClient({ ...config, retryStrategy: retryStrategy(readPolicy, clock) }), where);
  return {
    where,
    async region() {
      try {
        return await sts.config.region();
      } catch (error) {
        throw wrapAwsError("the region", error);
      }
    },
    async identity() {
      try {
        const answer = await sts.send(new GetCallerIdentityCommand({}));
        return { account: answer.Account ?? "", arn: answer.Arn ?? "", userId: answer.UserId ?? "" };
      } catch (error) {
        throw wrapAwsError("GetCallerIdentity", error);
      }
    },
    destroy: () => sts.destroy(),
  };
}
