// The data points of one GetMetricData result. Every member of a result is optional in the SDK
// model, which documents Timestamps[x] as the time of Values[x] (MetricDataResult): a result whose
// counts differ cannot be read, and reading its missing values as 0 would report figures it never gave.
import type { MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { AwsCallError } from "../../errors.js";

export interface ResultPoints {
  readonly times: readonly Date[];
  readonly values: readonly number[];
}

/** The result's points, none for no result; `consequence` says what a failure leaves undone. */
export function resultPoints(result: MetricDataResult | undefined, consequence: string): ResultPoints {
  const times = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  if (values.length !== times.length) {
    throw unreadableResult(`a result whose ${times.length} timestamps come with ${values.length} values`, consequence);
  }
  return { times, values };
}

export function unreadableResult(what: string, consequence: string): AwsCallError {
  return new AwsCallError("GetMetricData", `GetMetricData answered ${what}; ${consequence}`);
}
