// A command-line URL, checked like the config key it overrides, so a typo is a usage error (exit 2)
// naming the option rather than an "Invalid URL" from the SDK's first call.
import { endpointUrl } from "../config/schema.js";
import { UsageError } from "../errors.js";

/** `value` when it is a full http(s) URL; otherwise a UsageError naming `option` with a valid example. */
export function parseEndpointOption(option: string, value: string): string {
  const result = endpointUrl.safeParse(value);
  if (!result.success)
    throw new UsageError(`${option} "${value}" is not valid: ${result.error.issues[0]?.message ?? "use a full http:// or https:// URL"}`);
  return result.data;
}
