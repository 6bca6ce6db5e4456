// `mail-metrics validate --config FILE`: loads the config and every query it uses, one line per query.
// Errors propagate (ConfigError: exit 2).
import { loadConfig } from "../../config/load-config.js";
import type { ResolvedQuery } from "../../config/resolved.js";

export interface ValidateOptions {
  readonly config: string;
}

export async function validate(options: ValidateOptions): Promise<number | void> {
  const loaded = await loadConfig(options.config);
  process.stdout.write(loaded.queries.map((query) => `${describeQuery(query)}\n`).join(""));
}

/** `ok  postfix-smtp-status (queries/postfix-smtp-status.yaml): 3 fields → metric {metric}` */
export function describeQuery(query: ResolvedQuery): string {
  const fields = query.compiled.outputFields;
  const produces = fields === null ? "fields decided per row" : `${fields.length} ${fields.length === 1 ? "field" : "fields"}`;
  return `ok  ${query.name} (${query.displayFile}): ${produces} → metric ${query.mapping.name}`;
}
