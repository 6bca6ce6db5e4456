// CreateLogGroup, CreateLogStream, PutLogEvents.
import type { Handler, HandlerContext } from "./handler.js";
import { asObject, invalid, optionalArray, requiredNumber, requiredString, type Input } from "./input.js";
import { checkBatch, type InputLogEvent } from "./log-event-rules.js";
import type { LogGroupRecord } from "./records.js";
import { ServiceError } from "./service-error.js";

// Model: LogGroupName 1–512, pattern [\.\-_/#A-Za-z0-9]+; LogStreamName 1–512, pattern [^:*]*.
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_STREAM_NAME = /^[^:*]{1,512}$/;

export function logGroupName(input: Input, key = "logGroupName"): string {
  return checkGroupName(requiredString("logs", input, key), key);
}

export function checkGroupName(name: string, path: string): string {
  if (!LOG_GROUP_NAME.test(name)) throw invalid("logs", path, name, "must match [.\\-_/#A-Za-z0-9]{1,512}");
  return name;
}

export function existingGroup(context: HandlerContext, name: string): LogGroupRecord {
  const group = context.state.logGroups.get(name);
  if (group === undefined) throw new ServiceError("ResourceNotFoundException", "The specified log group does not exist.");
  return group;
}

export const createLogGroup: Handler = (input, context) => {
  const name = logGroupName(input);
  if (context.state.logGroups.has(name)) {
    throw new ServiceError("ResourceAlreadyExistsException", "The specified log group already exists");
  }
  context.state.ensureLogGroup(name, context.options.now());
  return {};
};

export const createLogStream: Handler = (input, context) => {
  const group = existingGroup(context, logGroupName(input));
  const stream = requiredString("logs", input, "logStreamName");
  if (!LOG_STREAM_NAME.test(stream)) throw invalid("logs", "logStreamName", stream, "must be 1-512 characters without : or *");
  if (group.streams.has(stream)) {
    throw new ServiceError("ResourceAlreadyExistsException", "The specified log stream already exists");
  }
  group.streams.set(stream, []);
  return {};
};

export const putLogEvents: Handler = (input, context) => {
  const group = existingGroup(context, logGroupName(input));
  const streamName = requiredString("logs", input, "logStreamName");
  const stream = group.streams.get(streamName);
  if (stream === undefined) throw new ServiceError("ResourceNotFoundException", "The specified log stream does not exist.");
  const events = (optionalArray("logs", input, "logEvents") ?? []).map(readEvent);
  const now = context.options.now();
  const { accepted, rejected } = checkBatch(events, now);
  if (context.commit) {
    for (const event of accepted) {
      stream.push({ ...event, logGroup: group.name, logStream: streamName, ingestionTime: now });
    }
  }
  // The sequence token is ignored by the service now but still returned.
  return { nextSequenceToken: String(context.request.seq), ...(rejected ? { rejectedLogEventsInfo: rejected } : {}) };
};

function readEvent(value: unknown, i: number): InputLogEvent {
  const path = `logEvents[${i}]`;
  const event = asObject("logs", value, path);
  const timestamp = requiredNumber("logs", event, "timestamp", `${path}.timestamp`);
  if (!Number.isInteger(timestamp) || timestamp < 0) throw invalid("logs", `${path}.timestamp`, timestamp, "epoch milliseconds");
  const message = requiredString("logs", event, "message", `${path}.message`);
  if (message.length === 0) throw invalid("logs", `${path}.message`, message, "must not be empty");
  return { timestamp, message };
}
