// The files source as the config and a run know it: its part of the config (`source: { type: files }`)
// and how a run opens it.
import { z } from "zod";
import type { SourceKind } from "../source.js";
import { filesSource } from "./source.js";
import { isTimeZone } from "./zone-offset.js";

const schema = z.strictObject({
  type: z.literal("files"),
  paths: z
    .array(z.string().min(1))
    .min(1)
    .describe("Log files or globs (mail.log*), relative to this config file; plain or .gz; - for stdin"),
  timezone: z
    .string()
    .min(1)
    .refine(isTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone; use e.g. UTC or Europe/Berlin` })
    .default("UTC")
    .describe("IANA time zone of syslog timestamps that carry none, e.g. Europe/Berlin"),
  year: z.int().min(1970).max(9999).optional().describe("Year of syslog timestamps that carry none; default: inferred"),
});

export const filesSourceKind: SourceKind<typeof schema> = {
  schema,
  open: async (config, deps) =>
    filesSource({
      paths: config.paths,
      timezone: config.timezone,
      ...(config.year === undefined ? {} : { year: config.year }),
      ...(deps.configPath === undefined ? {} : { pathsOrigin: `source.paths in ${deps.configPath}` }),
      now: deps.clock.now,
      ...(deps.queries === undefined ? {} : { queries: deps.queries }),
      ...(deps.onReadStats ? { onReadStats: deps.onReadStats } : {}),
    }),
};
