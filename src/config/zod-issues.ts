// Turns zod issues into ConfigIssues a person can act on: the key path, the line of that key in
// the YAML file, the offending value, and a fix (allowed keys, closest match, allowed values).
import type { z } from "zod";
import type { ConfigIssue } from "../errors.js";
import { didYouMean } from "./closest.js";
import { allowedKeysAt } from "./schema-keys.js";
import { formatPath, lineOf, type KeyPath, type YamlSource } from "./yaml-source.js";

type Issue = z.core.$ZodIssue;

export function toConfigIssues(issues: readonly Issue[], source: YamlSource, schema: z.ZodType): ConfigIssue[] {
  return issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => unknownKey([...issue.path, key], source, schema));
    const path = issue.path as KeyPath;
    return [{ path: formatPath(path), line: lineOf(source, path), message: describeIssue(issue, valueAt(source.data, path)) }];
  });
}

function unknownKey(path: KeyPath, source: YamlSource, schema: z.ZodType): ConfigIssue {
  const allowed = allowedKeysAt(schema, path.slice(0, -1), source.data) ?? [];
  const key = String(path.at(-1));
  const list = allowed.length > 0 ? ` (allowed keys: ${allowed.join(", ")})` : "";
  return { path: formatPath(path), line: lineOf(source, path), message: `unknown key${didYouMean(key, allowed)}${list}` };
}

function describeIssue(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.path.length === 0) return "the file is empty or not a YAML mapping of keys to values";
      if (value === undefined) return `missing; add it (${noun(issue.expected)})`;
      // A schema's own message (a duration given as a bare number) says the fix; zod's says only the type.
      return issue.message.startsWith("Invalid input") ? `expected ${noun(issue.expected)}, got ${show(value)}` : issue.message;
    case "invalid_value":
      return oneOf(value, issue.values.map(String));
    case "invalid_union":
      if (issue.discriminator !== undefined && "options" in issue && issue.options !== undefined)
        return oneOf(value, issue.options.map(String));
      return unionOfValues(issue, value) ?? issue.message;
    case "too_small":
      return sizeProblem(value, "at least", issue.minimum, issue.inclusive ?? true, issue.origin);
    case "too_big":
      return sizeProblem(value, "at most", issue.maximum, issue.inclusive ?? true, issue.origin);
    case "invalid_format":
      return `${show(value)} is not valid: ${issue.message}`;
    default:
      return issue.message;
  }
}

function oneOf(value: unknown, allowed: readonly string[]): string {
  const prefix = value === undefined ? "missing" : `${show(value)} is not allowed`;
  const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
  return `${prefix}${hint}; use one of: ${allowed.join(", ")}`;
}

/** A union of literals (e.g. storageResolution 1 | 60) fails with one invalid_value per option. */
function unionOfValues(issue: Extract<Issue, { code: "invalid_union" }>, value: unknown): string | undefined {
  const branches = issue.errors.flat();
  if (branches.length === 0 || !branches.every((branch) => branch.code === "invalid_value")) return undefined;
  return oneOf(
    value,
    branches.flatMap((branch) => (branch.code === "invalid_value" ? branch.values.map(String) : [])),
  );
}

function sizeProblem(value: unknown, words: "at least" | "at most", limit: number | bigint, inclusive: boolean, origin: string): string {
  const exact = inclusive ? `${words} ${limit}` : `${words === "at least" ? "more than" : "less than"} ${limit}`;
  if (origin === "array" && Array.isArray(value)) return `has ${count(value.length, "item")}; needs ${exact}`;
  if (origin === "string" && typeof value === "string") {
    return value === "" ? "must not be empty" : `${show(value)} has ${count(value.length, "character")}; needs ${exact}`;
  }
  return `${show(value)} must be ${exact}`;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;

const NOUNS: Readonly<Record<string, string>> = {
  array: "a list",
  object: "a mapping",
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
};
const noun = (expected: string): string => NOUNS[expected] ?? expected;

function show(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function valueAt(data: unknown, path: KeyPath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
