// The world an in-process run meets: a clock the test sets, a log of counts per bin (the ground
// truth), a source that answers from it, a sink that keeps what it received as CloudWatch does (or
// prints, as stdout does), a "disk" holding the state file, and the fate of every call, which
// the test scripts: a query that ends Failed, a PutMetricData answered with a 5xx after it landed,
// a read-back error, a point readable only minutes after it landed, or the process killed (SIGKILL)
// at that call. A killed run writes nothing more, and every call it still makes fails at once. A
// SIGTERM ("sigterm") may arrive during a call: the run's signal aborts, as cli/series-command.ts
// turns it into an abort, and the run goes on as the real one would from there.
import { AwsCallError } from "../../../src/errors.js";
import type { ResultRow } from "../../../src/insights/types.js";
import { MAX_DATUM_AGE_MS, type Datum } from "../../../src/metrics/datum.js";
import type { Interval } from "../../../src/windows/intervals.js";
import { decodeState, encodeState } from "../../../src/state/codec.js";
import { EMPTY_STATE, type StateFile } from "../../../src/state/series.js";
import { PublishError, type Sink } from "../../../src/sinks/sink.js";
import type { RangeRows, Source, SourceQuery } from "../../../src/sources/source.js";
import type { Clock } from "../../../src/util/clock.js";

/** "sigterm": the signal arrives while the query runs, which is stopped (rejected with the signal's reason, as the sources do). */
export type QueryFate = "ok" | "Failed" | "Cancelled" | "Timeout" | "5xx" | "throttled" | "no-credentials" | "kill" | "sigterm";
/**
 * `late:<minutes>`: landed, readable by GetMetricData only that many minutes later; `5xx-late:<minutes>` the same, answered with a 5xx.
 * "sigterm": the signal arrives during the call, which lands and succeeds (the batch in flight finishes).
 */
export type PutFate =
  | "ok"
  | "throttled"
  | "5xx"
  | "5xx-landed"
  | "timeout"
  | "timeout-landed"
  | "kill"
  | "kill-landed"
  | "closed"
  | `late:${number}`
  | `5xx-late:${number}`
  | "sigterm";
/** "sigterm": the signal arrives during the call, which succeeds; "bug": it throws an error no code expects (a TypeError). */
export type ReadBackFate = "ok" | "error" | "kill" | "sigterm" | "bug";

/** What each call of one run meets, in call order per kind; calls beyond a list meet "ok". */
export interface Fates {
  /** In call order, or per query name. */
  readonly query?: readonly QueryFate[] | Readonly<Record<string, readonly QueryFate[]>>;
  readonly put?: readonly PutFate[];
  readonly readBack?: readonly ReadBackFate[];
}

/** Counts per metric in the bin starting at a time: the log, as the peer's record would give it. */
export type Log = ReadonlyMap<number, Readonly<Record<string, number>>>;

export interface Received {
  readonly datum: Datum;
  readonly receivedAt: number;
  readonly visibleAt: number;
}

/** The process was killed: whatever it does after this, it does not do. */
export class Killed extends Error {
  override readonly name = "Killed";
}

/** A datum's metric, dimensions and timestamp: what CloudWatch aggregates points by. */
export const datumKey = (datum: Datum) => `${datum.name} ${JSON.stringify(datum.dimensions)} @ ${datum.timestamp}`;

export class World {
  now = 0;
  /** The state file as the last write that completed left it (encoded, and checked to decode the same, when a run reads it). */
  disk: StateFile | string | undefined;
  received: Received[] = [];
  /** When each received datum key becomes readable (the earliest of its points). */
  private readable = new Map<string, number>();
  /** The ranges of the queries each run started, in order, with the query's name. */
  queried: { readonly name: string; readonly range: Interval }[] = [];
  private dead = false;
  private interruption = new AbortController();
  private interruptedWith: string | null = null;
  private fates: { query: Map<string, QueryFate[]> | QueryFate[]; put: PutFate[]; readBack: ReadBackFate[] } = {
    query: [],
    put: [],
    readBack: [],
  };

  constructor(
    readonly log: Log,
    readonly sinkKind: "cloudwatch" | "stdout",
    readonly batchSize: number,
  ) {}

  /** A new run (a new process) meeting `fates`. */
  startRun(now: number, fates: Fates = {}): void {
    this.now = now;
    this.dead = false;
    this.interruption = new AbortController();
    this.interruptedWith = null;
    const query = fates.query ?? [];
    this.fates = {
      query: Array.isArray(query) ? [...query] : new Map(Object.entries(query).map(([name, list]) => [name, [...list]])),
      put: [...(fates.put ?? [])],
      readBack: [...(fates.readBack ?? [])],
    };
  }

  get killed(): boolean {
    return this.dead;
  }

  /** The run's signal: aborted when a SIGTERM arrives (a "sigterm" fate). */
  get signal(): AbortSignal {
    return this.interruption.signal;
  }

  /** The signal that stopped this run, if any, as cli/series-command.ts reports it. */
  interruptedBy(): string | null {
    return this.interruptedWith;
  }

  private sigterm(): void {
    this.interruptedWith = "SIGTERM";
    this.interruption.abort(new Error("interrupted by SIGTERM"));
  }

  /** Reads the state as a run starts: through the codec, so every state a run starts from is one a real file holds. */
  readState(): StateFile {
    if (this.disk === undefined) return EMPTY_STATE;
    const decoded = decodeState(JSON.parse(typeof this.disk === "string" ? this.disk : encodeState(this.disk)));
    if (!decoded.ok) throw new Error(`the state on disk does not decode: ${decoded.problem}`);
    return decoded.state;
  }

  /** Writes as the state store does, at once and whole; a killed process writes nothing. */
  writeState(state: StateFile): void {
    if (!this.dead) this.disk = state;
  }

  /** A copy to try something on (a dry run, a faultless run) without touching this world. */
  fork(): World {
    const copy = new World(this.log, this.sinkKind, this.batchSize);
    copy.now = this.now;
    copy.disk = this.disk;
    copy.received = [...this.received];
    copy.readable = new Map(this.readable);
    return copy;
  }

  readonly clock: Clock = {
    now: () => this.now,
    sleep: async () => this.alive(),
    random: () => 0.5,
  };

  readonly source: Source = {
    query: async (query: SourceQuery, range: Interval, signal?: AbortSignal): Promise<RangeRows> => {
      this.alive();
      // As both sources do: a query asked for after the signal is not started.
      signal?.throwIfAborted();
      const fate = this.takeQueryFate(query.name);
      if (fate === "kill") throw this.kill();
      this.queried.push({ name: query.name, range });
      if (fate === "sigterm") {
        this.sigterm();
        // Stopped only if the signal it was given aborts with the run's (backfill-series.ts forwards it).
        signal?.throwIfAborted();
      } else if (fate !== "ok") throw queryFailure(fate, query.name);
      return { rows: this.rows(range), truncated: false, bytesScanned: 0, recordsScanned: 0 };
    },
  };

  get sink(): Sink {
    const base = {
      batchEnds: (datums: readonly Datum[]) => batchEnds(datums.length, this.batchSize),
      publish: (batch: readonly Datum[]) => this.publish(batch),
    };
    if (this.sinkKind === "stdout") return base;
    return { ...base, maxAge: MAX_DATUM_AGE_MS, readBack: (datums: readonly Datum[]) => this.readBack(datums) };
  }

  private async publish(batch: readonly Datum[]): Promise<void> {
    this.alive();
    const fate = this.fates.put.shift() ?? "ok";
    if (fate === "kill") throw this.kill();
    if (fate === "sigterm") this.sigterm();
    if (this.sinkKind === "cloudwatch" && batch.some((datum) => datum.timestamp < this.now - MAX_DATUM_AGE_MS)) {
      // CloudWatch refuses the whole request (400 InvalidParameterValue): nothing of it is stored.
      throw new PublishError(
        "PutMetricData failed: InvalidParameterValue: a timestamp is older than two weeks; it was not published",
        "not-published",
      );
    }
    if (fate === "throttled" || fate === "closed") throw new PublishError(`scripted: ${fate}; it was not published`, "not-published");
    const late = fate.includes("late:") ? Number(fate.slice(fate.indexOf(":") + 1)) * 60_000 : 0;
    if (fate === "ok" || fate === "sigterm" || fate.endsWith("landed") || late > 0) {
      for (const datum of batch) {
        this.received.push({ datum, receivedAt: this.now, visibleAt: this.now + late });
        const key = datumKey(datum);
        this.readable.set(key, Math.min(this.readable.get(key) ?? Infinity, this.now + late));
      }
    }
    if (fate === "kill-landed") throw this.kill();
    if (fate.startsWith("5xx") || fate.startsWith("timeout"))
      throw new PublishError(`scripted: ${fate}; its fate is unknown and will be settled by read-back`, "unknown");
  }

  private async readBack(datums: readonly Datum[]): Promise<boolean[]> {
    this.alive();
    const fate = this.fates.readBack.shift() ?? "ok";
    if (fate === "kill") throw this.kill();
    if (fate === "error") throw new AwsCallError("GetMetricData", "scripted: GetMetricData failed: InternalServiceFault");
    if (fate === "bug") throw new TypeError("scripted: Cannot read properties of undefined (reading 'Values')");
    if (fate === "sigterm") this.sigterm();
    return datums.map((datum) => (this.readable.get(datumKey(datum)) ?? Infinity) <= this.now);
  }

  /** One row per metric and bin with a count, as a `stats count(*) as count by metric, bin(5m) as bin` would give. */
  private rows(range: Interval): ResultRow[] {
    const rows: ResultRow[] = [];
    for (const [bin, counts] of [...this.log].sort(([a], [b]) => a - b)) {
      if (bin < range.from || bin >= range.to) continue;
      for (const [metric, count] of Object.entries(counts)) {
        rows.push([
          { field: "metric", value: metric },
          { field: "bin", value: new Date(bin).toISOString().replace("T", " ").replace("Z", "") },
          { field: "count", value: String(count) },
        ]);
      }
    }
    return rows;
  }

  private takeQueryFate(name: string): QueryFate {
    const fates = this.fates.query;
    return (Array.isArray(fates) ? fates.shift() : fates.get(name)?.shift()) ?? "ok";
  }

  private alive(): void {
    if (this.dead) throw new Killed("the process was killed");
  }

  private kill(): Killed {
    this.dead = true;
    return new Killed("the process was killed");
  }
}

function batchEnds(length: number, size: number): number[] {
  const ends: number[] = [];
  for (let end = size; end < length; end += size) ends.push(end);
  if (length > 0) ends.push(length);
  return ends;
}

function queryFailure(fate: Exclude<QueryFate, "ok" | "kill" | "sigterm">, name: string): AwsCallError {
  const what: Record<typeof fate, string> = {
    Failed: "ended with status Failed",
    Cancelled: "ended with status Cancelled",
    Timeout: "ended with status Timeout",
    "5xx": "StartQuery failed: ServiceUnavailableException",
    throttled: "StartQuery failed: ThrottlingException (retries used up)",
    "no-credentials": "StartQuery failed: CredentialsProviderError: no AWS credentials found",
  };
  return new AwsCallError("StartQuery", `scripted: ${name}: ${what[fate]}`);
}
