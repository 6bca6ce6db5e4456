// One request/answer exchange: decode the body, apply a queued fault, run the handler, answer.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpFault } from "./faults.js";
import type { HandlerContext } from "./handler.js";
import type { Input } from "./input.js";
import { leaveOut } from "./leave-out.js";
import { parseTarget, type OperationName } from "./operations.js";
import type { RequestRecord } from "./records.js";
import { decode, header, parseJson, readBody } from "./request-body.js";
import { HANDLERS } from "./router.js";
import { isStsRequest, stsAnswer, type XmlAnswer } from "./sts.js";
import { errorAnswer, okAnswer, ServiceError, type Service, type WireAnswer } from "./service-error.js";
import type { StandInCore } from "./stand-in-core.js";

export async function exchange(core: StandInCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const wire = await readBody(req).catch(() => undefined);
  // A client that gave up while sending its body: nothing arrived, so nothing is recorded.
  if (wire === undefined) return;
  const target = parseTarget(header(req, "x-amz-target"));
  const encoding = header(req, "content-encoding");
  const decoded = decode(wire, encoding);
  const record: RequestRecord = {
    seq: core.state.requests.length + 1,
    service: target?.service ?? "unknown",
    operation: target?.operation ?? header(req, "x-amz-target") ?? "(none)",
    receivedAt: core.options.now(),
    wireBytes: wire.length,
    bodyBytes: decoded instanceof Buffer ? decoded.length : wire.length,
    contentEncoding: encoding,
    outcome: undefined,
    errorCode: undefined,
    region: /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(header(req, "authorization") ?? "")?.[1],
    input: decoded instanceof Buffer ? jsonOrUndefined(decoded) : undefined,
  };
  core.state.requests.push(record);
  if (target === undefined && isStsRequest(req, wire)) return sendSts(res, record, stsAnswer(core, req, wire));
  if (target === undefined) return send(res, record, unknownTarget(req));
  const context: HandlerContext = { state: core.state, faults: core.faults, options: core.options, request: record, commit: true };
  const run = (commit = true) => answer(target.service, target.operation, decoded, { ...context, commit });
  await applyFault(core, core.faults.takeHttp(target.operation), target.service, run, res, record);
}

async function applyFault(
  core: StandInCore,
  fault: HttpFault | undefined,
  service: Service,
  run: (commit?: boolean) => WireAnswer,
  res: ServerResponse,
  record: RequestRecord,
): Promise<void> {
  switch (fault?.kind) {
    case undefined:
      return send(res, record, run());
    case "throttle":
      return send(res, record, errorAnswer(service, throttled(service)));
    case "limit-exceeded": {
      const message = `Account maximum query concurrency limit of [${fault.limit ?? core.options.maxConcurrentQueries ?? 100}] reached.`;
      return send(res, record, errorAnswer(service, new ServiceError("LimitExceededException", message)));
    }
    case "server-error":
      return send(res, record, errorAnswer(service, serverError(service, fault.status ?? 500)));
    case "delay": {
      const store = fault.store ?? "after";
      const early = store === "before" ? run() : undefined;
      await core.sleep(fault.ms);
      return send(res, record, early ?? run(store !== "never"));
    }
    case "without":
      return send(res, record, leaveOut(run(), fault.members));
    case "access-denied":
      return send(res, record, errorAnswer(service, accessDenied(service, record.operation, core.options.accountId)));
    case "drop":
      if (fault.store === "before") run();
      record.outcome = "dropped";
      res.socket?.destroy();
      return;
  }
}

function answer(service: Service, operation: OperationName, body: Buffer | ServiceError, context: HandlerContext): WireAnswer {
  try {
    if (body instanceof ServiceError) throw body;
    return okAnswer(service, HANDLERS[operation](parseJson(body), context));
  } catch (error) {
    if (error instanceof ServiceError) return errorAnswer(service, error);
    // A bug in the stand-in (or the engine): answer 500 so it cannot pass for success, and keep it.
    context.state.internalErrors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return errorAnswer(service, serverError(service, 500, `stand-in internal error: ${String(error)}`));
  }
}

function jsonOrUndefined(body: Buffer): Input | undefined {
  try {
    return parseJson(body);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, record: RequestRecord, wire: WireAnswer): void {
  record.outcome = wire.status;
  record.errorCode = wire.status === 200 ? undefined : errorCodeOf(wire);
  if (res.destroyed) return;
  res.writeHead(wire.status, { ...wire.headers, "x-amzn-requestid": randomUUID(), "content-length": Buffer.byteLength(wire.body) });
  res.end(wire.body);
}

function sendSts(res: ServerResponse, record: RequestRecord, answer: XmlAnswer): void {
  record.service = "sts";
  record.operation = answer.operation;
  record.outcome = answer.status;
  record.errorCode = answer.errorCode;
  res.writeHead(answer.status, {
    "content-type": "text/xml",
    "x-amzn-requestid": randomUUID(),
    "content-length": Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}

function errorCodeOf(wire: WireAnswer): string | undefined {
  const type = (JSON.parse(wire.body) as { __type?: string }).__type;
  return type?.split("#").pop();
}

/** Logs answers `__type: ThrottlingException`; CloudWatch the query code `Throttling` (not in its model). */
function throttled(service: Service): ServiceError {
  return new ServiceError(service === "logs" ? "ThrottlingException" : "Throttling", "Rate exceeded");
}

/**
 * Logs models AccessDeniedException (HTTP 400 here); CloudWatch does not model it, and answers the
 * awsQuery code AccessDenied (HTTP 403 here). Both statuses and the message's wording, AWS's usual
 * "User: ARN is not authorized to perform: ACTION", are UNCONFIRMED; the code only reads the name.
 */
function accessDenied(service: Service, operation: string, account: string): ServiceError {
  const action = `${service === "logs" ? "logs" : "cloudwatch"}:${operation}`;
  const message = `User: arn:aws:iam::${account}:user/mail-metrics is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  return new ServiceError(service === "logs" ? "AccessDeniedException" : "AccessDenied", message);
}

function serverError(service: Service, status: 500 | 503, message?: string): ServiceError {
  if (status === 503) return new ServiceError("ServiceUnavailable", message ?? "Service Unavailable");
  return service === "logs"
    ? new ServiceError("ServiceUnavailableException", message ?? "The service cannot complete the request.")
    : new ServiceError("InternalServiceFault", message ?? "Internal service error");
}

function unknownTarget(req: IncomingMessage): WireAnswer {
  const type = header(req, "content-type") ?? "";
  const hint = type.startsWith("application/x-www-form-urlencoded")
    ? " This looks like an awsQuery request; the stand-in speaks CloudWatch's JSON 1.0 protocol (client-cloudwatch ≥ 3.949.0)."
    : "";
  const error = new ServiceError(
    "UnknownOperationException",
    `Unknown X-Amz-Target ${JSON.stringify(header(req, "x-amz-target"))}.${hint}`,
  );
  return errorAnswer("cloudwatch", error);
}
