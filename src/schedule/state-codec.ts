// The state file's JSON form: times as ISO 8601 strings so a person can read (and, in an
// emergency, edit) it. Read back through zod, so a damaged file is reported, never half-trusted.
import { z } from "zod";
import { UNITS, type Datum } from "../metrics/datum.js";
import type { Interval } from "./intervals.js";
import type { StateFile } from "./state.js";

const time = z.iso.datetime().transform((text) => Date.parse(text));
const interval = z.strictObject({ from: time, to: time });
const datum = z.strictObject({
  name: z.string().min(1),
  timestamp: time,
  value: z.number(),
  unit: z.enum(UNITS),
  dimensions: z.record(z.string(), z.string()),
});

const stateFileSchema = z.strictObject({
  version: z.literal(1),
  series: z.record(
    z.string(),
    z.strictObject({
      query: z.string(),
      identity: z.string(),
      published: z.array(interval),
      plan: z
        .strictObject({
          range: interval,
          datums: z.array(datum),
          batchEnds: z.array(z.int().min(0)),
          done: z.int().min(0),
          inFlight: z.strictObject({ batch: z.int().min(0), startedAt: time }).nullable(),
        })
        .nullable(),
      uncertain: z.array(z.strictObject({ datums: z.array(datum), sentAt: time, reason: z.string() })),
    }),
  ),
});

export type DecodeResult = { ok: true; state: StateFile } | { ok: false; problem: string };

export function decodeState(json: unknown): DecodeResult {
  const parsed = stateFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, state: parsed.data };
  const first = parsed.error.issues[0]!;
  return { ok: false, problem: `${first.path.join(".") || "(top level)"}: ${first.message}` };
}

const iso = (ms: number) => new Date(ms).toISOString();
const encodeInterval = (range: Interval) => ({ from: iso(range.from), to: iso(range.to) });
const encodeDatum = (d: Datum) => ({ ...d, timestamp: iso(d.timestamp) });

export function encodeState(state: StateFile): string {
  const series = Object.fromEntries(
    Object.entries(state.series).map(([key, s]) => [
      key,
      {
        query: s.query,
        identity: s.identity,
        published: s.published.map(encodeInterval),
        plan:
          s.plan === null
            ? null
            : {
                range: encodeInterval(s.plan.range),
                datums: s.plan.datums.map(encodeDatum),
                batchEnds: s.plan.batchEnds,
                done: s.plan.done,
                inFlight: s.plan.inFlight === null ? null : { ...s.plan.inFlight, startedAt: iso(s.plan.inFlight.startedAt) },
              },
        uncertain: s.uncertain.map((u) => ({ datums: u.datums.map(encodeDatum), sentAt: iso(u.sentAt), reason: u.reason })),
      },
    ]),
  );
  return `${JSON.stringify({ version: state.version, series }, null, 1)}\n`;
}
