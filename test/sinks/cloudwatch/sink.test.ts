// What a failed PutMetricData means for the exactly-once bookkeeping: refused or never sent
// (nothing landed) versus fate unknown (settled later by read-back).
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Datum } from "../../../src/metrics/datum.js";
import { wireSize } from "../../../src/sinks/cloudwatch/batches.js";
import { cloudWatchSink } from "../../../src/sinks/cloudwatch/sink.js";
import { PublishError } from "../../../src/sinks/sink.js";
import { metricsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const batch: Datum[] = [{ name: "550-5_7_26", timestamp: NOW - 600_000, value: 2, unit: "Count", dimensions: {} }];

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn({ now: () => NOW });
});
afterAll(async () => standIn.close());

async function failure(client: CloudWatchClient): Promise<PublishError> {
  const sink = cloudWatchSink({ writer: client, reader: client, namespace: "Mail/Postfix", storageResolution: 60, now: () => NOW });
  try {
    await sink.publish(batch);
  } catch (error) {
    if (error instanceof PublishError) return error;
    throw error;
  } finally {
    client.destroy();
  }
  throw new Error("expected a PublishError");
}

describe(cloudWatchSink.name, () => {
  it("calls a 5xx answer 'fate unknown'", async () => {
    standIn.faults.next("PutMetricData", { kind: "server-error", status: 500 }, { times: 5 });
    const error = await failure(metricsClient(standIn.endpoint, { maxAttempts: 1 }));
    expect(error.fate).toBe("unknown");
    expect(error.message).toMatch(/PutMetricData failed.*1 datums to Mail\/Postfix.*settled by read-back/);
    expect(error.cause).toMatchObject({ $metadata: { httpStatusCode: 500 } });
    standIn.faults.clear();
  });

  it("calls a throttled request 'not published', with the throttling hint", async () => {
    standIn.faults.next("PutMetricData", { kind: "throttle" });
    const error = await failure(metricsClient(standIn.endpoint, { maxAttempts: 1 }));
    expect(error.fate).toBe("not-published");
    expect(error.message).toMatch(/^PutMetricData failed: Throttling: Rate exceeded; AWS throttled the calls even after retries/);
    expect(error.message).toMatch(/; it was not published$/);
  });

  it("calls a refused request 'not published'", async () => {
    const error = await failure(metricsClient(standIn.endpoint.replace(/:\d+/, ":1"), { maxAttempts: 1 }));
    expect(error.fate).toBe("not-published");
  });

  it("calls a request without credentials 'not published', with the fix", async () => {
    const client = new CloudWatchClient({
      endpoint: standIn.endpoint,
      region: "us-east-1",
      credentials: async () => {
        const error = new Error("Could not load credentials from any providers");
        error.name = "CredentialsProviderError";
        throw error;
      },
    });
    const error = await failure(client);
    expect(error.fate).toBe("not-published");
    expect(error.message).toContain("no AWS credentials found");
  });
});

describe("the batches the sink cuts", () => {
  // 1,200 datums with 1 KB dimension values: 1.3 MB, cut by size before 1,000 datums. Each request
  // must pass the stand-in's 1,000,000-byte limit (on the wire and unzipped), so none is refused.
  const big = (i: number): Datum => ({ ...batch[0]!, name: `m${i}`, dimensions: { Relay: "x".repeat(1_000) } });

  it("cut at 1 MB of body, each accepted by PutMetricData", async () => {
    const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "Batches/Big", storageResolution: 60, now: () => NOW });
    const datums = Array.from({ length: 1_200 }, (_, i) => big(i));
    const ends = sink.batchEnds(datums);
    expect(ends[0]).toBeLessThan(1_000);
    let start = 0;
    for (const end of ends) {
      await sink.publish(datums.slice(start, end));
      start = end;
    }
    expect(start).toBe(1_200);
    client.destroy();
  });

  it("counts each datum at the bytes it adds to the request body, so no batch is cut earlier than it must be", async () => {
    const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
    const bodies: number[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        bodies.push((args.request as { body: Uint8Array }).body.byteLength);
        return next(args);
      },
      { step: "build", name: "measureBody" },
    );
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "Batches/Size", storageResolution: 60, now: () => NOW });
    const datums = [0, 1, 2].map((i) => ({ ...batch[0]!, name: `m${i}`, timestamp: batch[0]!.timestamp + i * 60_250, value: i + 0.5 }));
    await sink.publish(datums.slice(0, 1));
    await sink.publish(datums);
    expect(bodies[1]! - bodies[0]!).toBe(wireSize(datums[1]!, 60) + wireSize(datums[2]!, 60));
    client.destroy();
  });
});
