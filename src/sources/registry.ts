// Every kind of source. The config's `source:` is one of their schemas (config/schema.ts), and a run
// opens the one it names (pipeline/endpoints.ts). A new source is a folder beside files/ and
// cloudwatch/ holding its schema, its code and its kind.ts, and one line here.
import { cloudwatchLogsSourceKind } from "./cloudwatch/kind.js";
import { filesSourceKind } from "./files/kind.js";
import { InternalError } from "../errors.js";
import type { SourceKind } from "./source.js";

export const SOURCE_KINDS = [cloudwatchLogsSourceKind, filesSourceKind] as const;

/** The registered kind whose schema's `type` is `type` (the config's schema admits no other). */
export function sourceKind(type: string): SourceKind {
  const kind = SOURCE_KINDS.find((candidate) => candidate.schema.shape.type.value === type);
  if (kind === undefined) throw new InternalError(`no source kind "${type}" is registered`);
  return kind as SourceKind;
}
