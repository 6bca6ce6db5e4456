// `mail-metrics validate --config FILE`: loads the config and every query it uses, one line per query.
// Errors propagate (ConfigError: exit 2). What needs AWS to know (do the log groups exist, do the
// credentials work) it cannot check; it says so, and `--aws` runs doctor.
import { loadConfig } from "../../config/load-config.js";
import type { ResolvedQuery } from "../../config/resolved.js";
import { RuntimeError } from "../../errors.js";
import { expandInputs } from "../../sources/files/expand-inputs.js";
import type { AwsOverrides } from "../command-context.js";

export interface ValidateOptions extends AwsOverrides {
  readonly config: string;
  readonly aws?: boolean;
}

export async function validate(options: ValidateOptions): Promise<number | void> {
  if (options.aws === true) return (await import("./doctor.js")).doctor(options);
  const loaded = await loadConfig(options.config);
  const { source, sink } = loaded.config;
  const usesAws = source.type === "cloudwatch-logs" || sink.type === "cloudwatch";
  const note = usesAws
    ? [`not checked without AWS: the log groups, credentials and permissions; mail-metrics doctor --config ${options.config} checks them`]
    : [];
  process.stdout.write([...loaded.queries.map(describeQuery), ...note].map((line) => `${line}\n`).join(""));
  if (source.type === "files") return checkPaths(source.paths, options.config);
}

/**
 * The files a run would read must be there: a run would fail on each one that is not (exit 1, the
 * same as the run's), so validate says so before cron does. A glob matching nothing fails too, as it
 * does in a run.
 */
export async function checkPaths(paths: readonly string[], config: string): Promise<number | undefined> {
  try {
    const files = await expandInputs(paths, `source.paths in ${config}`);
    process.stdout.write(`ok  source.paths: ${files.length} ${files.length === 1 ? "file" : "files"} to read\n`);
    return undefined;
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    process.stdout.write(`FAIL source.paths: ${error.message}\n`);
    return 1;
  }
}

/** `ok  postfix-smtp-status (queries/postfix-smtp-status.yaml): 3 fields → metric {metric}` */
export function describeQuery(query: ResolvedQuery): string {
  const fields = query.compiled.outputFields;
  const produces = fields === null ? "fields decided per row" : `${fields.length} ${fields.length === 1 ? "field" : "fields"}`;
  return `ok  ${query.name} (${query.displayFile}): ${produces} → metric ${query.mapping.name}`;
}
