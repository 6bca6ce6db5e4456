// Every kind of sink. The config's `sink:` is one of their schemas (config/schema.ts), and a run
// opens the one it names (pipeline/endpoints.ts). A new sink is a folder beside stdout/ and
// cloudwatch/ holding its schema, its code and its kind.ts, and one line here.
import { cloudwatchSinkKind } from "./cloudwatch/kind.js";
import { stdoutSinkKind } from "./stdout/kind.js";
import { InternalError } from "../errors.js";
import type { SinkKind } from "./sink.js";

export const SINK_KINDS = [cloudwatchSinkKind, stdoutSinkKind] as const;

/** The registered kind whose schema's `type` is `type` (the config's schema admits no other). */
export function sinkKind(type: string): SinkKind {
  const kind = SINK_KINDS.find((candidate) => candidate.schema.shape.type.value === type);
  if (kind === undefined) throw new InternalError(`no sink kind "${type}" is registered`);
  return kind as SinkKind;
}
