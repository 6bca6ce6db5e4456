import { PutMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CreateLogGroupCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HttpFault } from "./faults.js";
import { logsClient, metricsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

let standIn: StandIn;
let cw: CloudWatchClient;
let logs: CloudWatchLogsClient;

beforeEach(async () => {
  standIn = await startStandIn();
  cw = metricsClient(standIn.endpoint);
  logs = logsClient(standIn.endpoint);
});
afterEach(async () => {
  cw.destroy();
  logs.destroy();
  await standIn.close();
});

const putMetric = (options: { abortSignal?: AbortSignal } = {}) =>
  cw.send(new PutMetricDataCommand({ Namespace: "Mail", MetricData: [{ MetricName: "sent", Value: 1 }] }), options);
const createGroup = () => logs.send(new CreateLogGroupCommand({ logGroupName: "/mail" }));
const outcomes = () => standIn.state.requests.map((request) => request.outcome);

describe("retryable faults", () => {
  it.each<[string, HttpFault, number]>([
    ["throttling", { kind: "throttle" }, 400],
    ["HTTP 500", { kind: "server-error", status: 500 }, 500],
    ["HTTP 503", { kind: "server-error", status: 503 }, 503],
  ])("the SDK retries %s on PutMetricData and then succeeds, storing the datum once", async (_, fault, status) => {
    standIn.faults.next("PutMetricData", fault, { times: 2 });
    const answer = await putMetric();
    expect(answer.$metadata.attempts).toBe(3);
    expect(outcomes()).toEqual([status, status, 200]);
    expect(standIn.state.datums).toHaveLength(1);
    expect(standIn.faults.pending()).toBe(0);
  });

  it("the SDK retries throttling with its default retry strategy too", async () => {
    const client = logsClient(standIn.endpoint, { defaultRetry: true });
    standIn.faults.next("CreateLogGroup", { kind: "throttle" });
    const answer = await client.send(new CreateLogGroupCommand({ logGroupName: "/mail" }));
    expect(answer.$metadata.attempts).toBe(2);
    client.destroy();
  });

  it.each<[string, HttpFault, string, string, number]>([
    ["throttling", { kind: "throttle" }, "Throttling", "ThrottlingException", 400],
    ["HTTP 500", { kind: "server-error", status: 500 }, "InternalServiceFault", "ServiceUnavailableException", 500],
    ["HTTP 503", { kind: "server-error", status: 503 }, "ServiceUnavailable", "ServiceUnavailable", 503],
  ])("%s on every attempt reaches the caller as the service's error", async (_, fault, cwName, logsName, status) => {
    standIn.faults.next("PutMetricData", fault, { times: 3 }).next("CreateLogGroup", fault, { times: 3 });
    await expect(putMetric()).rejects.toMatchObject({ name: cwName, $metadata: { httpStatusCode: status, attempts: 3 } });
    await expect(createGroup()).rejects.toMatchObject({ name: logsName, $metadata: { httpStatusCode: status, attempts: 3 } });
    expect(standIn.state.datums).toEqual([]);
    expect(standIn.state.logGroups.size).toBe(0);
  });

  it("applies faults in the order queued and only to their operation", async () => {
    standIn.faults.next("PutMetricData", { kind: "server-error" }).next("PutMetricData", { kind: "throttle" });
    await createGroup();
    await putMetric();
    expect(standIn.state.requests.map((r) => [r.operation, r.errorCode])).toEqual([
      ["CreateLogGroup", undefined],
      ["PutMetricData", "InternalServiceFault"],
      ["PutMetricData", "Throttling"],
      ["PutMetricData", undefined],
    ]);
  });
});

describe("dropped connections", () => {
  it("the SDK retries a dropped connection; a drop after storing makes a duplicate datum", async () => {
    standIn.faults.next("PutMetricData", { kind: "drop", store: "before" });
    const answer = await putMetric();
    expect(answer.$metadata.attempts).toBe(2);
    expect(outcomes()).toEqual(["dropped", 200]);
    expect(standIn.state.datums.map((d) => d.requestSeq)).toEqual([1, 2]);
  });

  it("a connection dropped on every attempt fails with the socket error and stores nothing", async () => {
    standIn.faults.next("PutMetricData", { kind: "drop" }, { times: 3 });
    await expect(putMetric()).rejects.toMatchObject({ code: "ECONNRESET", $metadata: { attempts: 3 } });
    expect(standIn.state.datums).toEqual([]);
  });
});

describe("refused connections", () => {
  it("while refusing, calls fail with ECONNREFUSED and reach no handler; afterwards they succeed", async () => {
    await putMetric();
    standIn.refuseConnections();
    await expect(putMetric()).rejects.toMatchObject({ code: "ECONNREFUSED", $metadata: { attempts: 3 } });
    expect(standIn.state.requests).toHaveLength(1);
    await standIn.acceptConnections();
    await putMetric();
    expect(standIn.state.datums.map((d) => d.requestSeq)).toEqual([1, 2]);
  });
});

describe("delayed answers (a client killed while its call is in flight)", () => {
  async function abortAfterArrival(fault: HttpFault): Promise<void> {
    standIn.faults.next("PutMetricData", fault);
    const controller = new AbortController();
    const call = putMetric({ abortSignal: controller.signal });
    await vi.waitFor(() => expect(standIn.state.requests).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
  }

  it('store "before": the datum is stored on arrival although the client never sees the answer', async () => {
    await abortAfterArrival({ kind: "delay", ms: 60_000, store: "before" });
    expect(standIn.state.datums).toHaveLength(1);
  });

  it('store "after": nothing is stored until the delay ends, then the datum is stored anyway', async () => {
    await abortAfterArrival({ kind: "delay", ms: 200, store: "after" });
    expect(standIn.state.datums).toHaveLength(0);
    await vi.waitFor(() => expect(outcomes()).toEqual([200]));
    expect(standIn.state.datums).toHaveLength(1);
  });

  it('store "never": the request is answered 200 and nothing is stored', async () => {
    await abortAfterArrival({ kind: "delay", ms: 200, store: "never" });
    await vi.waitFor(() => expect(outcomes()).toEqual([200]));
    expect(standIn.state.datums).toHaveLength(0);
  });

  it("a delayed answer still reaches a patient client", async () => {
    standIn.faults.next("PutMetricData", { kind: "delay", ms: 50 });
    const answer = await putMetric();
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(standIn.state.datums).toHaveLength(1);
  });
});

describe("Faults.next", () => {
  it.each<[string, Parameters<StandIn["faults"]["next"]>]>([
    ["a query fault outside StartQuery", ["GetQueryResults", { kind: "query", end: "Failed" }]],
    ["limit-exceeded on CloudWatch", ["PutMetricData", { kind: "limit-exceeded" }]],
    ['store "never" on an operation that cannot dry-run', ["StartQuery", { kind: "delay", ms: 1, store: "never" }]],
  ])("refuses %s", (_, args) => {
    expect(() => standIn.faults.next(...args)).toThrow(TypeError);
  });
});
