// Splits datums into PutMetricData requests: at most 1,000 datums and 1 MB of body each
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html).
// The body limit is checked against the uncompressed JSON, so it holds whether or not the SDK
// gzips the request.
import type { Datum } from "../../metrics/datum.js";

export const MAX_DATUMS_PER_REQUEST = 1_000;
/** 1 MB minus room for the envelope (namespace, JSON punctuation) and headers. */
export const MAX_BODY_BYTES = 1_000_000 - 4_096;

export function wireDatum(datum: Datum, storageResolution: number) {
  return {
    MetricName: datum.name,
    Dimensions: Object.entries(datum.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Timestamp: new Date(datum.timestamp),
    Value: datum.value,
    Unit: datum.unit,
    StorageResolution: storageResolution,
  };
}

/** Bytes a datum takes in the AWS JSON 1.0 body (timestamps are epoch seconds there). */
export function wireSize(datum: Datum, storageResolution: number): number {
  const wire = { ...wireDatum(datum, storageResolution), Timestamp: datum.timestamp / 1000 };
  return Buffer.byteLength(JSON.stringify(wire)) + 1;
}

export function batchEnds(datums: readonly Datum[], storageResolution: number, maxBytes = MAX_BODY_BYTES): number[] {
  const ends: number[] = [];
  let count = 0;
  let bytes = 0;
  datums.forEach((datum, index) => {
    const size = wireSize(datum, storageResolution);
    if (count > 0 && (count === MAX_DATUMS_PER_REQUEST || bytes + size > maxBytes)) {
      ends.push(index);
      count = 0;
      bytes = 0;
    }
    count += 1;
    bytes += size;
  });
  if (count > 0) ends.push(datums.length);
  return ends;
}
