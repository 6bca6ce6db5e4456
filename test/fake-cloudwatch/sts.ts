// STS GetCallerIdentity, the one STS call mail-metrics makes (`doctor`: which identity the
// credentials resolve to). client-sts speaks awsQuery: a form-encoded POST of
// `Action=GetCallerIdentity&Version=2011-06-15` (AwsQueryProtocol in @aws-sdk/core's protocols
// submodule; client-sts runtimeConfig.shared: version 2011-06-15, xmlNamespace
// https://sts.amazonaws.com/doc/2011-06-15/), answered with XML whose members sit in
// `<GetCallerIdentityResult>` (useNestedResult), and errors as `<ErrorResponse><Error>` with Type,
// Code and Message (loadQueryError). The members (UserId, Account, Arn) and their example values:
// GetCallerIdentityCommand.d.ts, which also says the call needs no permission.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { header } from "./request-body.js";
import type { StandInCore } from "./stand-in-core.js";

export interface XmlAnswer {
  readonly operation: string;
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly body: string;
}

const NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

export function isStsRequest(req: IncomingMessage, body: Buffer): boolean {
  return (
    (header(req, "content-type") ?? "").startsWith("application/x-www-form-urlencoded") &&
    new URLSearchParams(body.toString("utf8")).get("Version") === "2011-06-15"
  );
}

export function stsAnswer(core: StandInCore, req: IncomingMessage, body: Buffer): XmlAnswer {
  const action = new URLSearchParams(body.toString("utf8")).get("Action") ?? "";
  if (action !== "GetCallerIdentity")
    return error(action || "(none)", 400, "InvalidAction", `Could not find operation ${action} for version 2011-06-15`);
  // The caller is whoever signed: its access key id, as the service reports it for an IAM user.
  const key = /Credential=([^/]+)\//.exec(header(req, "authorization") ?? "")?.[1] ?? "AKIAI44QH8DHBEXAMPLE";
  const account = core.options.accountId;
  const result = `<UserId>${xml(key)}</UserId><Account>${account}</Account><Arn>arn:aws:iam::${account}:user/${xml(key)}</Arn>`;
  return {
    operation: action,
    status: 200,
    errorCode: undefined,
    body:
      `<GetCallerIdentityResponse xmlns="${NAMESPACE}"><GetCallerIdentityResult>${result}</GetCallerIdentityResult>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

function error(operation: string, status: number, code: string, message: string): XmlAnswer {
  return {
    operation,
    status,
    errorCode: code,
    body: `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

const xml = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
