// Where a `queries[]` entry's definition file is: `builtin:` in the package's queries/ folder,
// `file:` relative to the config file's directory.
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError, type ConfigIssue } from "../errors.js";
import { readFailure } from "../util/os-error.js";
import { builtinDisplayName, builtinQueryPath, shippedQueryNames } from "./builtin-queries.js";
import { didYouMean } from "./closest.js";
import type { QueryRef } from "./schema.js";
import { lineOf, type YamlSource } from "./yaml-source.js";

export interface QueryLocation {
  readonly path: string;
  /** `queries/<name>.yaml` for a builtin, the `file:` value as written otherwise. */
  readonly displayFile: string;
}

/** The location, or the issue (config key, line, resolved path, shipped names) when there is no such file. */
export function locateQuery(ref: QueryRef, index: number, configFile: string, source: YamlSource): QueryLocation | ConfigIssue {
  if (ref.builtin !== undefined) {
    const path = builtinQueryPath(ref.builtin);
    if (path !== undefined && existsSync(path)) return { path, displayFile: builtinDisplayName(ref.builtin) };
    const shipped = shippedQueryNames();
    return {
      path: `queries[${index}].builtin`,
      line: lineOf(source, ["queries", index, "builtin"]),
      message:
        `no shipped query "${ref.builtin}"${path === undefined ? "" : ` (looked for ${path})`}` +
        `${didYouMean(ref.builtin, shipped)}; shipped queries: ${shipped.join(", ") || "none"}`,
    };
  }
  const file = ref.file ?? "";
  const path = resolve(dirname(resolve(configFile)), file);
  const problem = unreadable(path);
  if (problem === undefined) return { path, displayFile: file };
  return {
    path: `queries[${index}].file`,
    line: lineOf(source, ["queries", index, "file"]),
    message: `cannot read "${file}" (resolved to ${path}, relative to the config file): ${problem}`,
  };
}

/** Why `path` cannot be read as a query definition file, or undefined when it can. */
function unreadable(path: string): string | undefined {
  try {
    if (statSync(path).isDirectory()) return "it is a directory; name a query definition file (.yaml) in it";
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return readFailure(error);
  }
}

/** The query file a command-line argument names: an existing path, else a shipped query's name. */
export function locateQueryArgument(argument: string): QueryLocation {
  if (existsSync(argument)) return { path: resolve(argument), displayFile: argument };
  const builtin = builtinQueryPath(argument);
  if (builtin !== undefined && existsSync(builtin)) return { path: builtin, displayFile: builtinDisplayName(argument) };
  const shipped = shippedQueryNames();
  throw new UsageError(
    `cannot find query "${argument}": no such file, and no shipped query of that name${didYouMean(argument, shipped)} (shipped ` +
      `queries: ${shipped.join(", ") || "none"})`,
  );
}
