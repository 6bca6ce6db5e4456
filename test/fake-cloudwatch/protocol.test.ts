// The stand-in's answers to requests no current SDK client sends: they must fail loudly, so a
// client on the wrong protocol (e.g. client-cloudwatch ≤ 3.948.0, which spoke awsQuery) is spotted.
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startStandIn, type StandIn } from "./start-stand-in.js";

let standIn: StandIn;
beforeEach(async () => {
  standIn = await startStandIn();
});
afterEach(async () => {
  await standIn.close();
});

async function post(headers: Record<string, string>, body: string | Uint8Array) {
  const response = await fetch(standIn.endpoint, { method: "POST", headers, body });
  return {
    status: response.status,
    queryError: response.headers.get("x-amzn-query-error"),
    body: (await response.json()) as Record<string, string>,
  };
}

const json10 = { "content-type": "application/x-amz-json-1.0", "x-amz-target": "GraniteServiceVersion20100801.PutMetricData" };

describe("startStandIn", () => {
  it("answers an awsQuery (form-encoded) request with UnknownOperation and says which protocol it speaks", async () => {
    const answer = await post({ "content-type": "application/x-www-form-urlencoded" }, "Action=PutMetricData&Version=2010-08-01");
    expect(answer.status).toBe(400);
    expect(answer.queryError).toBe("UnknownOperation;Sender");
    expect(answer.body.message).toMatch(/JSON 1\.0/);
  });

  it("answers an unknown operation with UnknownOperationException", async () => {
    const answer = await post({ ...json10, "x-amz-target": "Logs_20140328.DeleteLogGroup" }, "{}");
    expect([answer.status, answer.body.__type]).toEqual([400, "com.amazonaws.cloudwatch#UnknownOperationException"]);
  });

  it("answers a body that is not JSON, or not gzip as declared, with SerializationException", async () => {
    const notJson = await post(json10, "Namespace=x");
    const notGzip = await post({ ...json10, "content-encoding": "gzip" }, "{}");
    expect([notJson.queryError, notGzip.queryError]).toEqual(["SerializationException;Sender", "SerializationException;Sender"]);
  });

  it("decodes gzip bodies and records both sizes", async () => {
    const body = JSON.stringify({ Namespace: "Mail", MetricData: [{ MetricName: "m", Value: 1 }] });
    const answer = await post({ ...json10, "content-encoding": "gzip" }, gzipSync(body));
    expect(answer.status).toBe(200);
    expect(standIn.state.requests[0]).toMatchObject({ bodyBytes: body.length, contentEncoding: "gzip" });
    expect(standIn.state.datums).toHaveLength(1);
  });
});
