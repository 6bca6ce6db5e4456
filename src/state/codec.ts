// The state file's JSON form: times as ISO 8601 strings so a person can read (and, in an
// emergency, edit) it. Read back through zod, so a damaged file is reported, never half-trusted.
// Version 1 files (written before a series recorded what it owes) are read and upgraded.
import { z } from "zod";
import { UNITS, type Datum } from "../metrics/datum.js";
import { unionOf, type Interval } from "../windows/intervals.js";
import { STATE_VERSION, type SeriesState, type StateFile } from "./series.js";
import "../util/zod-jitless.js";

const time = z.iso.datetime().transform((text) => Date.parse(text));
const interval = z.strictObject({ from: time, to: time });
const datum = z.strictObject({
  name: z.string().min(1),
  timestamp: time,
  value: z.number(),
  unit: z.enum(UNITS),
  dimensions: z.record(z.string(), z.string()),
});

const seriesV1 = {
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
};

const stateFileV1 = z.strictObject({ version: z.literal(1), series: z.record(z.string(), z.strictObject(seriesV1)) });

const stateFileV2 = z.strictObject({
  version: z.literal(STATE_VERSION),
  series: z.record(
    z.string(),
    z.strictObject({ ...seriesV1, owed: z.array(interval), lost: z.array(interval), reported: z.array(interval) }),
  ),
});

export type DecodeResult = { ok: true; state: StateFile } | { ok: false; problem: string };

export function decodeState(json: unknown): DecodeResult {
  const version = typeof json === "object" && json !== null ? (json as { version?: unknown }).version : undefined;
  if (version !== 1 && version !== STATE_VERSION) {
    return {
      ok: false,
      problem:
        `version: ${JSON.stringify(version)} is not a state file version this mail-metrics reads (1 or ` +
        `${STATE_VERSION}); a newer mail-metrics may have written it`,
    };
  }
  const parsed = (version === 1 ? stateFileV1 : stateFileV2).safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { ok: false, problem: `${first.path.join(".") || "(top level)"}: ${first.message}` };
  }
  const data = parsed.data;
  if (data.version === STATE_VERSION) return { ok: true, state: data };
  const series = Object.fromEntries(Object.entries(data.series).map(([key, s]) => [key, fromVersion1(s)]));
  return { ok: true, state: { version: STATE_VERSION, series } };
}

/**
 * Version 1 did not record what a series owes: it owes what it published or began to publish, and
 * the holes between (as version 1 showed them). Nothing is recorded as lost or reported yet, so the
 * first run after the upgrade reports each hole once.
 */
function fromVersion1(series: Omit<SeriesState, "owed" | "lost" | "reported">): SeriesState {
  const ranges = unionOf(series.published, series.plan === null ? [] : [series.plan.range]);
  const owed: Interval[] = ranges.length === 0 ? [] : [{ from: ranges[0]!.from, to: ranges.at(-1)!.to }];
  return { ...series, owed, lost: [], reported: [] };
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
        owed: s.owed.map(encodeInterval),
        published: s.published.map(encodeInterval),
        lost: s.lost.map(encodeInterval),
        reported: s.reported.map(encodeInterval),
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
