// The errors the stand-in answers with, and how each service puts them on the wire.
//
// CloudWatch Logs (awsJson1_1): the SDK reads the error code from `__type` first
// (@smithy/core protocols/json/parseJsonBody.js `loadJsonRpcErrorCode`, order type → code → header).
// CloudWatch (awsJson1_0 with awsQueryCompatible): the SDK reads the `x-amzn-query-error: Code;Type`
// header first (ProtocolLib.setQueryCompatError, order code → header → type) and maps the query code
// back to the modelled exception through its `awsQueryError` trait (findQueryCompatibleError), so
// `InvalidParameterValue` arrives as InvalidParameterValueException with `Error.Code` set.

export type Service = "logs" | "cloudwatch";

interface ErrorSpec {
  readonly status: number;
  /** CloudWatch only: the awsQuery error code and fault type for `x-amzn-query-error`. */
  readonly query?: string;
  /** Member name of the message in the modelled shape (`message` unless the model says `Message`). */
  readonly messageKey?: "message" | "Message";
  /** CloudWatch's own spec where both services model an exception of this name differently. */
  readonly cloudwatch?: Omit<ErrorSpec, "cloudwatch">;
}

/** Codes from the service models (client-cloudwatch-logs@3.1169.0, client-cloudwatch@3.1164.0 schemas_0.js). */
const SPECS = {
  // CloudWatch Logs
  InvalidParameterException: { status: 400 },
  // CloudWatch's (ListTagsForResource) is HTTP 404 with members ResourceType, ResourceId, Message.
  ResourceNotFoundException: { status: 400, cloudwatch: { status: 404, query: "ResourceNotFoundException;Sender", messageKey: "Message" } },
  ResourceAlreadyExistsException: { status: 400 },
  MalformedQueryException: { status: 400 },
  LimitExceededException: { status: 400 },
  ThrottlingException: { status: 400 },
  AccessDeniedException: { status: 400 },
  ServiceUnavailableException: { status: 500 },
  // CloudWatch (awsQueryError trait: code, HTTP status)
  InvalidParameterValueException: { status: 400, query: "InvalidParameterValue;Sender" },
  InvalidParameterCombinationException: { status: 400, query: "InvalidParameterCombination;Sender" },
  MissingRequiredParameterException: { status: 400, query: "MissingParameter;Sender" },
  DashboardInvalidInputError: { status: 400, query: "InvalidParameterInput;Sender" },
  InvalidNextToken: { status: 400, query: "InvalidNextToken;Sender" },
  InternalServiceFault: { status: 500, query: "InternalServiceError;Receiver", messageKey: "Message" },
  // Not modelled; common AWS errors. CloudWatch throttles with the awsQuery code `Throttling`,
  // "Rate exceeded", HTTP 400 (https://repost.aws/knowledge-center/cloudwatch-400-error-throttling);
  // its JSON protocol carries that code in x-amzn-query-error, which the SDK reads first.
  Throttling: { status: 400, query: "Throttling;Sender" },
  // Users report it as "AccessDenied: User: … is not authorized to perform: cloudwatch:PutMetricData",
  // status code 403 (aws-cloudformation/cloudformation-cli#376, tomaszkiewicz/prometheus-alertmanager-cloudwatch-webhook#3).
  AccessDenied: { status: 403, query: "AccessDenied;Sender" },
  ServiceUnavailable: { status: 503, query: "ServiceUnavailable;Receiver" },
  RequestEntityTooLarge: { status: 413, query: "RequestEntityTooLarge;Sender" },
  UnknownOperationException: { status: 400, query: "UnknownOperation;Sender" },
  SerializationException: { status: 400, query: "SerializationException;Sender" },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof SPECS;

/** An error answer: thrown by handlers, written by the server. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra modelled members, e.g. `queryCompileError` of MalformedQueryException. */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** The HTTP status; CloudWatch's where it models the exception apart. */
  statusFor(service: Service): number {
    return specFor(service, this.code).status;
  }
}

export interface WireAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function contentType(service: Service): string {
  return service === "logs" ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
}

function specFor(service: Service, code: ErrorCode): ErrorSpec {
  const spec: ErrorSpec = SPECS[code];
  return service === "cloudwatch" && spec.cloudwatch !== undefined ? spec.cloudwatch : spec;
}

export function errorAnswer(service: Service, error: ServiceError): WireAnswer {
  const spec = specFor(service, error.code);
  const headers: Record<string, string> = { "content-type": contentType(service) };
  const messageKey = spec.messageKey ?? "message";
  if (service === "logs") {
    const body = { __type: error.code, [messageKey]: error.message, ...error.fields };
    return { status: spec.status, headers, body: JSON.stringify(body) };
  }
  if (spec.query !== undefined) headers["x-amzn-query-error"] = spec.query;
  const body = { __type: `com.amazonaws.cloudwatch#${error.code}`, [messageKey]: error.message, ...error.fields };
  return { status: spec.status, headers, body: JSON.stringify(body) };
}

export function okAnswer(service: Service, output: unknown): WireAnswer {
  return { status: 200, headers: { "content-type": contentType(service) }, body: JSON.stringify(output ?? {}) };
}
