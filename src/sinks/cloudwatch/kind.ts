// The CloudWatch sink as the config and a run know it: its part of the config (`sink: { type:
// cloudwatch }`) and how a run opens it. Its code, and the AWS SDK, are loaded only when a run opens it.
import { z } from "zod";
import type { SinkKind } from "../sink.js";

const schema = z.strictObject({
  type: z.literal("cloudwatch"),
  namespace: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^:][\x20-\x7e]*$/, "use printable ASCII, not starting with ':'")
    .refine((ns) => !ns.startsWith("AWS/"), "the AWS/ prefix is reserved for AWS services; use e.g. Mail/Postfix")
    .describe("CloudWatch namespace of the published metrics, e.g. Mail/Postfix"),
  storageResolution: z
    .union([z.literal(1), z.literal(60)])
    .default(60)
    .describe("60 = standard resolution, 1 = high resolution (costs more)"),
  heartbeat: z
    .strictObject({
      enabled: z.boolean().default(true).describe("Publish the heartbeat metrics (mail-metrics-window-age, …) once per run"),
    })
    .prefault({})
    .describe("The tool's own health metrics, published by every run in this namespace with the dimension Config (the config file's name)"),
});

export const cloudwatchSinkKind: SinkKind<typeof schema> = {
  schema,
  destination: (config) => `cloudwatch:${config.namespace}:${config.storageResolution}`,
  async open(config, deps) {
    const [{ cloudWatchSink }, clients] = await Promise.all([import("./sink.js"), deps.aws()]);
    return cloudWatchSink({
      writer: clients.metricsWriter,
      reader: clients.metrics,
      namespace: config.namespace,
      storageResolution: config.storageResolution,
      now: deps.clock.now,
      seriesSpacing: deps.seriesSpacing,
      ...(config.heartbeat.enabled ? { heartbeat: { config: deps.configName } } : {}),
    });
  },
};
