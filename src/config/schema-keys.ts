// Which keys a strict object allows at a key path, read from the zod schema itself, so the
// "unknown key" hint lists exactly what the schema accepts (zod's own issue does not carry it).
import type { z } from "zod";
import type { KeyPath } from "./yaml-source.js";

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

/** Strips wrappers and, for a discriminated union, picks the option the data selects. */
function unwrap(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) current = def.innerType;
    else if (def.type === "pipe" && def.in !== undefined) current = def.in;
    else if (def.type === "union" && def.discriminator !== undefined) {
      const tag = isRecord(data) ? data[def.discriminator] : undefined;
      const option = def.options?.find((candidate) => discriminatorValue(candidate, def.discriminator!) === tag);
      if (option === undefined) return undefined;
      current = option;
    } else return current;
  }
}

function discriminatorValue(option: z.ZodType, key: string): unknown {
  const field = defOf(option).shape?.[key];
  return field === undefined ? undefined : (defOf(field) as Def & { values?: unknown[] }).values?.[0];
}

const isRecord = (value: unknown): value is Record<PropertyKey, unknown> => typeof value === "object" && value !== null;

/** The keys of the object schema at `path`, or undefined when the path does not lead to one. */
export function allowedKeysAt(schema: z.ZodType, path: KeyPath, data: unknown): string[] | undefined {
  let current: z.ZodType | undefined = unwrap(schema, data);
  let value = data;
  for (const segment of path) {
    if (current === undefined) return undefined;
    const def = defOf(current);
    const next =
      def.type === "object"
        ? def.shape?.[String(segment)]
        : def.type === "array"
          ? def.element
          : def.type === "record"
            ? def.valueType
            : undefined;
    if (next === undefined) return undefined;
    value = isRecord(value) ? value[segment as string] : undefined;
    current = unwrap(next, value);
  }
  const shape = current === undefined ? undefined : defOf(current).shape;
  return shape === undefined ? undefined : Object.keys(shape);
}
