// Reading members of a decoded JSON request. The SDK does no client-side validation, so the
// stand-in checks types and ranges itself and answers the error each service would.
import { ServiceError, type Service } from "./service-error.js";

export type Input = Readonly<Record<string, unknown>>;

/** CloudWatch Logs reports bad input as InvalidParameterException; CloudWatch as MissingParameter / InvalidParameterValue. */
export function missing(service: Service, path: string): ServiceError {
  return service === "logs"
    ? new ServiceError("InvalidParameterException", `Missing required parameter ${path}`)
    : new ServiceError("MissingRequiredParameterException", `The parameter ${path} is required.`);
}

export function invalid(service: Service, path: string, value: unknown, why: string): ServiceError {
  const shown = JSON.stringify(value)?.slice(0, 200) ?? String(value);
  return service === "logs"
    ? new ServiceError("InvalidParameterException", `Invalid value ${shown} for parameter ${path}: ${why}`)
    : new ServiceError("InvalidParameterValueException", `The value ${shown} for parameter ${path} is invalid: ${why}`);
}

export function optionalString(service: Service, input: Input, key: string, path = key): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(service, path, value, "expected a string");
  return value;
}

export function requiredString(service: Service, input: Input, key: string, path = key): string {
  const value = optionalString(service, input, key, path);
  if (value === undefined) throw missing(service, path);
  return value;
}

/**
 * A number member. The JSON protocols send NaN and ±Infinity as the strings "NaN", "Infinity",
 * "-Infinity" (@smithy/core JsonShapeSerializer2), so those come back as numbers here and the
 * caller decides whether they are allowed.
 */
export function optionalNumber(service: Service, input: Input, key: string, path = key): number | undefined {
  const value = input[key];
  return value === undefined || value === null ? undefined : toNumber(service, value, path);
}

export function toNumber(service: Service, value: unknown, path: string): number {
  if (typeof value === "number") return value;
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  throw invalid(service, path, value, "expected a number");
}

export function requiredNumber(service: Service, input: Input, key: string, path = key): number {
  const value = optionalNumber(service, input, key, path);
  if (value === undefined) throw missing(service, path);
  return value;
}

export function optionalInteger(service: Service, input: Input, key: string, range: [number, number], path = key): number | undefined {
  const value = optionalNumber(service, input, key, path);
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < range[0] || value > range[1]) {
    throw invalid(service, path, value, `expected an integer from ${range[0]} to ${range[1]}`);
  }
  return value;
}

export function optionalArray(service: Service, input: Input, key: string, path = key): readonly unknown[] | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(service, path, value, "expected a list");
  return value;
}

export function asObject(service: Service, value: unknown, path: string): Input {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(service, path, value, "expected a structure");
  }
  return value as Input;
}

export function optionalObject(service: Service, input: Input, key: string, path = key): Input | undefined {
  const value = input[key];
  return value === undefined || value === null ? undefined : asObject(service, value, path);
}

export function stringList(service: Service, input: Input, key: string, path = key): string[] | undefined {
  const list = optionalArray(service, input, key, path);
  return list?.map((item, i) => {
    if (typeof item !== "string") throw invalid(service, `${path}[${i}]`, item, "expected a string");
    return item;
  });
}
