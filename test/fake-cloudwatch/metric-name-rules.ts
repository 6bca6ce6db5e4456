// Names in PutMetricData, per the CloudWatch API reference and model (client-cloudwatch@3.1164.0):
// Namespace 1–255, pattern [^:].*, ASCII without control characters, not AWS/ (reserved);
// MetricName 1–255; ≤ 30 dimensions; dimension Name 1–255 and Value 1–1024, ASCII only, at least one
// non-whitespace character, no control characters, a Name must not start with ":".
import { asObject, invalid, optionalArray, requiredString, type Input } from "./input.js";
import { ServiceError } from "./service-error.js";

export const MAX_DIMENSIONS = 30;
// Printable ASCII (space to tilde): excludes control characters (0–31, 127) and anything non-ASCII.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function checkNamespace(namespace: string): string {
  const why =
    namespace.length < 1 || namespace.length > 255
      ? "must be 1 to 255 characters"
      : namespace.startsWith(":")
        ? "must not start with ':'"
        : !PRINTABLE_ASCII.test(namespace)
          ? "must be ASCII without control characters"
          : namespace.startsWith("AWS/")
            ? "namespaces starting with AWS/ are reserved for AWS services"
            : undefined;
  if (why !== undefined) throw invalid("cloudwatch", "Namespace", namespace, why);
  return namespace;
}

export function checkMetricName(datum: Input, path: string): string {
  const name = requiredString("cloudwatch", datum, "MetricName", `${path}.MetricName`);
  if (name.length < 1 || name.length > 255) throw invalid("cloudwatch", `${path}.MetricName`, name, "must be 1 to 255 characters");
  return name;
}

/** Dimensions as name → value; refuses a name given twice. */
export function readDimensions(datum: Input, path: string): Record<string, string> {
  const list = optionalArray("cloudwatch", datum, "Dimensions", `${path}.Dimensions`) ?? [];
  if (list.length > MAX_DIMENSIONS) {
    throw invalid("cloudwatch", `${path}.Dimensions`, `${list.length} dimensions`, `at most ${MAX_DIMENSIONS}`);
  }
  const dimensions: Record<string, string> = {};
  list.forEach((item, i) => {
    const where = `${path}.Dimensions.member.${i + 1}`;
    const dimension = asObject("cloudwatch", item, where);
    const name = checkText(requiredString("cloudwatch", dimension, "Name", `${where}.Name`), `${where}.Name`, 255);
    if (name.startsWith(":")) throw invalid("cloudwatch", `${where}.Name`, name, "must not start with ':'");
    const value = checkText(requiredString("cloudwatch", dimension, "Value", `${where}.Value`), `${where}.Value`, 1024);
    if (Object.hasOwn(dimensions, name)) {
      throw new ServiceError(
        "InvalidParameterCombinationException",
        `The dimension name ${name} appears more than once in ${path}.Dimensions.`,
      );
    }
    dimensions[name] = value;
  });
  return dimensions;
}

function checkText(text: string, path: string, maxLength: number): string {
  const why =
    text.length < 1 || text.length > maxLength
      ? `must be 1 to ${maxLength} characters`
      : !PRINTABLE_ASCII.test(text)
        ? "must be ASCII without control characters"
        : text.trim() === ""
          ? "must contain a non-whitespace character"
          : undefined;
  if (why !== undefined) throw invalid("cloudwatch", path, text, why);
  return text;
}
