// Records: field name to value. Event records are built once per pushed event with a fixed shape
// (so property access stays monomorphic); row records hold stats results. Both have a null
// prototype, so a field named `constructor` or `__proto__` is just a field.
import type { LogEvent } from "../types.js";
import type { Rec, Value } from "./values.js";

export class EventRecord {
  [field: string]: Value | undefined;

  constructor(event: LogEvent) {
    this["@timestamp"] = event.timestamp;
    this["@message"] = event.message;
    this["@logStream"] = event.logStream;
    this["@log"] = event.logGroup;
    this["@ingestionTime"] = event.ingestionTime;
  }
}
Object.setPrototypeOf(EventRecord.prototype, null);
// The prototype's own `constructor` would otherwise be read as a field named constructor.
Reflect.deleteProperty(EventRecord.prototype, "constructor");

export class RowRecord {
  [field: string]: Value | undefined;
}
Object.setPrototypeOf(RowRecord.prototype, null);
Reflect.deleteProperty(RowRecord.prototype, "constructor");

export const newRow = (): Rec => new RowRecord();
