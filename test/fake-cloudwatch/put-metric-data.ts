// PutMetricData: validates the whole request like CloudWatch (one bad datum fails the call and
// nothing is stored), then stores every datum with the request it came in.
import type { Handler, HandlerContext } from "./handler.js";
import { asObject, invalid, missing, optionalArray, requiredString, type Input } from "./input.js";
import { readResolution, readTimestamp, readUnit, readValues } from "./datum-rules.js";
import { checkMetricName, checkNamespace, readDimensions } from "./metric-name-rules.js";
import type { StoredDatum } from "./records.js";
import { ServiceError } from "./service-error.js";

/** "The limit of metrics allowed, 1000, is the sum of both EntityMetricData and MetricData metrics." */
export const MAX_DATUMS = 1000;
const MAX_ENTITIES = 2;

export const putMetricData: Handler = (input, context) => {
  checkSize(context);
  const namespace = checkNamespace(requiredString("cloudwatch", input, "Namespace"));
  const items = datumItems(input);
  if (items.length === 0) throw missing("cloudwatch", "MetricData");
  if (items.length > MAX_DATUMS) {
    throw invalid("cloudwatch", "MetricData", `${items.length} datums`, `the collection must not have a size greater than ${MAX_DATUMS}`);
  }
  const now = context.options.now();
  const datums = items.map(({ item, path }) => readDatum(asObject("cloudwatch", item, path), path, namespace, now, context));
  if (context.commit) context.state.datums.push(...datums);
  return {};
};

/**
 * AWS documents "1 MB for HTTP POST requests" and accepts gzip bodies without saying which size
 * counts (UNCONFIRMED), so the stand-in enforces the limit on the wire AND after gunzip: a publisher
 * that passes here passes under either reading.
 */
function checkSize(context: HandlerContext): void {
  const limit = context.options.maxPutMetricDataBytes;
  const { wireBytes, bodyBytes } = context.request;
  if (wireBytes > limit || bodyBytes > limit) {
    throw new ServiceError(
      "RequestEntityTooLarge",
      `Request body is ${bodyBytes} bytes (${wireBytes} on the wire); PutMetricData accepts at most ${limit}.`,
    );
  }
}

function datumItems(input: Input): { item: unknown; path: string }[] {
  const plain = (optionalArray("cloudwatch", input, "MetricData") ?? []).map((item, i) => ({ item, path: `MetricData.member.${i + 1}` }));
  const entities = optionalArray("cloudwatch", input, "EntityMetricData") ?? [];
  if (entities.length > MAX_ENTITIES)
    throw invalid("cloudwatch", "EntityMetricData", `${entities.length} entities`, `at most ${MAX_ENTITIES}`);
  const withEntity = entities.flatMap((entity, e) => {
    const path = `EntityMetricData.member.${e + 1}.MetricData`;
    const list = optionalArray("cloudwatch", asObject("cloudwatch", entity, path), "MetricData", path) ?? [];
    return list.map((item, i) => ({ item, path: `${path}.member.${i + 1}` }));
  });
  return [...plain, ...withEntity];
}

function readDatum(datum: Input, path: string, namespace: string, now: number, context: HandlerContext): StoredDatum {
  return {
    namespace,
    metricName: checkMetricName(datum, path),
    dimensions: readDimensions(datum, path),
    timestamp: readTimestamp(datum, path, now),
    ...readValues(datum, path),
    unit: readUnit(datum, path),
    storageResolution: readResolution(datum, path),
    requestSeq: context.request.seq,
    receivedAt: now,
  };
}
