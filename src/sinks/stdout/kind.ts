// The stdout sink as the config and a run know it: its part of the config (`sink: { type: stdout }`)
// and how a run opens it.
import { z } from "zod";
import type { SinkKind } from "../sink.js";
import { OUTPUT_FORMATS } from "./format.js";
import { createStdoutSink } from "./sink.js";

const schema = z.strictObject({
  type: z.literal("stdout"),
  output: z.enum(OUTPUT_FORMATS).optional().describe("Format; default: table on a terminal, ndjson otherwise"),
});

export const stdoutSinkKind: SinkKind<typeof schema> = {
  schema,
  destination: () => "stdout",
  open: async (config, deps) => createStdoutSink({ output: deps.output ?? config.output }),
};
