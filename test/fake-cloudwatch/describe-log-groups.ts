// DescribeLogGroups, as `doctor` uses it (does each configured log group exist?): by
// logGroupNamePrefix (none lists every group), ASCII-sorted by name, `limit` 1–50 (default 50),
// paged with nextToken (DescribeLogGroupsCommand.d.ts and DescribeLogGroupsRequest in the model;
// the prefix's rules from the DescribeLogGroups API reference). The other selectors
// (logGroupNamePattern, logGroupIdentifiers, linked accounts, classes) are refused rather than
// answered wrongly.
import type { Handler } from "./handler.js";
import { invalid, optionalNumber, optionalString } from "./input.js";
import { checkGroupName } from "./logs-ingest.js";
import { makeToken, readToken } from "./page-token.js";

const UNSUPPORTED = ["logGroupNamePattern", "logGroupIdentifiers", "accountIdentifiers", "includeLinkedAccounts", "logGroupClass"];

export const describeLogGroups: Handler = (input, context) => {
  const used = UNSUPPORTED.find((key) => input[key] !== undefined);
  if (used !== undefined) throw invalid("logs", used, input[used], "not modelled by the stand-in");
  const given = optionalString("logs", input, "logGroupNamePrefix");
  // "Length Constraints: Minimum length of 1. Maximum length of 512. Pattern: [\.\-_/#A-Za-z0-9]+"
  // (DescribeLogGroups API reference, logGroupNamePrefix): a log group name's rules, so an empty prefix is refused.
  const prefix = given === undefined ? "" : checkGroupName(given, "logGroupNamePrefix");
  const limit = optionalNumber("logs", input, "limit") ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw invalid("logs", "limit", limit, "must be 1 to 50");
  const scope = `describe-log-groups:${prefix}`;
  const offset = readToken(optionalString("logs", input, "nextToken"), scope, "InvalidParameterException");
  const names = [...context.state.logGroups.keys()].filter((name) => name.startsWith(prefix)).sort();
  const page = names.slice(offset, offset + limit);
  const account = context.options.accountId;
  return {
    logGroups: page.map((name) => {
      const arn = `arn:aws:logs:us-east-1:${account}:log-group:${name}`;
      return {
        logGroupName: name,
        creationTime: context.state.logGroups.get(name)!.createdAt,
        arn: `${arn}:*`,
        logGroupArn: arn,
        storedBytes: 0,
        logGroupClass: "STANDARD",
      };
    }),
    ...(offset + limit < names.length ? { nextToken: makeToken(scope, offset + limit) } : {}),
  };
};
