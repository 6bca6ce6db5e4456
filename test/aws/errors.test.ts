// The hints wrapAwsError adds, for the errors the real SDK clients raise from the stand-in's answers.
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CreateLogGroupCommand, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wrapAwsError } from "../../src/aws/errors.js";
import { logsClient, metricsClient } from "../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => standIn.close());

async function sdkError(send: () => Promise<unknown>): Promise<unknown> {
  try {
    await send();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

const putMetric = () => {
  const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
  return client
    .send(new PutMetricDataCommand({ Namespace: "Mail", MetricData: [{ MetricName: "sent", Value: 1 }] }))
    .finally(() => client.destroy());
};
const createGroup = () => {
  const client = logsClient(standIn.endpoint, { maxAttempts: 1 });
  return client.send(new CreateLogGroupCommand({ logGroupName: "/mail" })).finally(() => client.destroy());
};
const startQuery = () => {
  const client = logsClient(standIn.endpoint, { maxAttempts: 1 });
  const input = { logGroupIdentifiers: ["/mail"], startTime: 0, endTime: 300, queryString: "stats count(*)" };
  return client.send(new StartQueryCommand(input)).finally(() => client.destroy());
};

describe(wrapAwsError.name, () => {
  it.each([
    ["PutMetricData", "Throttling", putMetric],
    ["CreateLogGroup", "ThrottlingException", createGroup],
  ] as const)("gives the throttling hint for %s throttled as %s", async (operation, name, send) => {
    standIn.faults.next(operation, { kind: "throttle" });
    const error = wrapAwsError(operation, await sdkError(send));
    expect(error.message).toContain(`${operation} failed: ${name}: Rate exceeded`);
    expect(error.message).toContain("AWS throttled the calls even after retries");
  });

  it("says what LimitExceededException means for run (every query at once) and backfill (--concurrency)", async () => {
    standIn.faults.next("StartQuery", { kind: "limit-exceeded", limit: 10 });
    const error = wrapAwsError("StartQuery", await sdkError(startQuery), { queryName: "postfix-smtp-status" });
    expect(error.message).toContain(
      "StartQuery failed (postfix-smtp-status): LimitExceededException: Account maximum query concurrency limit of [10] reached.",
    );
    expect(error.message).toContain("run starts one per configured query at once; backfill up to --concurrency");
    expect(error.message).not.toMatch(/; lower schedule\.concurrency$/);
  });

  it.each([
    ["PutMetricData", "AccessDenied", putMetric],
    ["StartQuery", "AccessDeniedException", startQuery],
  ] as const)("points %s refused as %s to the IAM policy in the README", async (operation, name, send) => {
    standIn.faults.next(operation, { kind: "access-denied" });
    const error = wrapAwsError(operation, await sdkError(send));
    expect(error.message).toMatch(
      new RegExp(`^${operation} failed: ${name}: User: arn:aws:iam::\\d+:user/mail-metrics is not authorized to perform: `),
    );
    expect(error.message).toMatch(/; the credentials lack a permission; see the IAM policy in the README$/);
  });
});
