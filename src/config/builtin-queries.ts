// Queries shipped in the package's queries/ folder, addressed by name (`builtin: postfix-smtp-status`).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./package-root.js";

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Absolute path of the shipped query `name`, or undefined for a name that cannot be one (e.g. `../x`). */
export function builtinQueryPath(name: string): string | undefined {
  return NAME.test(name) ? join(packageRoot(), "queries", `${name}.yaml`) : undefined;
}

/** How a shipped query file is named to people: relative to the package. */
export const builtinDisplayName = (name: string): string => `queries/${name}.yaml`;

/** Names of the shipped queries, sorted. */
export function shippedQueryNames(): string[] {
  try {
    return readdirSync(join(packageRoot(), "queries"))
      .filter((entry) => entry.endsWith(".yaml"))
      .map((entry) => entry.slice(0, -".yaml".length))
      .sort();
  } catch {
    return [];
  }
}
