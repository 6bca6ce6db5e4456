// Splits a query into the part that runs per event while streaming and the part that runs once on
// the retained rows at finish:
// - streaming: the fields/parse/filter/display commands before the first sort, limit, dedup or stats;
// - collection: the first stats (groups), or else a retention of the best rows by the first sort (by
//   @timestamp descending without one), at most the row limit of them;
// - at finish: that first blocking command and everything after it, over the collected rows.
// Without stats, a filter or dedup that runs at finish sees only the retained rows, so it can
// return fewer rows than the service would when more than `limit` events passed the streaming part.
import type { Command } from "../syntax/ast.js";
import { compileCommand, type Env, type RecordOp, type RowOp } from "./compile-commands.js";
import { fuseOps, type FusedOp } from "./fused-ops.js";
import { fieldReader, type Kind } from "./compiled.js";
import { deadCommands } from "./dead-commands.js";
import type { OrderKey } from "../runtime/ordering.js";
import { RetainingCollector, StatsCollector, type RowCollector } from "../runtime/row-collectors.js";
import type { QuerySource } from "../syntax/query-source.js";
import { statsOutputsAfter, statsOutputsOf } from "./stats-outputs.js";
import { nominalMs } from "../library/time.js";
import type { StatsOutput } from "../types.js";

/** Commands that need all the rows before they can run; the commands before the first one stream. */
export function isBlocking(cmd: Command): boolean {
  return cmd.kind === "sort" || cmd.kind === "limit" || cmd.kind === "dedup" || cmd.kind === "stats";
}

export interface QueryPlan {
  /** The streaming commands as one operation (fused-ops.ts); without the first when `skipFirst`. */
  readonly recordOp: (skipFirst: boolean) => RecordOp;
  readonly rowOps: readonly RowOp[];
  /** A fresh collector for one execution, keeping at most `limit` rows when it retains rows. */
  readonly collector: (limit: number) => RowCollector;
  readonly outputs: readonly { readonly name: string; readonly kind: Kind }[];
  readonly outputFields: readonly string[] | null;
  readonly binPeriods: readonly number[];
  readonly statsOutputs: readonly StatsOutput[] | null;
}

/** Without fields/display, rows show @timestamp and @message, and @logStream/@log when present. */
const DEFAULT_OUTPUTS = ["@timestamp", "@message", "@logStream", "@log"];
const BY_TIMESTAMP_DESC: readonly OrderKey[] = [{ eval: fieldReader("@timestamp", "date").eval, descending: true }];

export function planQuery(source: QuerySource, commands: readonly Command[]): QueryPlan {
  const env: Env = {
    kinds: new Map<string, Kind>([
      ["@timestamp", "date"],
      ["@ingestionTime", "date"],
    ]),
    fields: null,
    display: null,
  };
  const fused: FusedOp[] = [];
  const rowOps: RowOp[] = [];
  let collector: QueryPlan["collector"] | null = null;
  let binPeriods: number[] = [];
  let statsOutputs: readonly StatsOutput[] | null = null;
  const dead = deadCommands(source, commands);
  commands.forEach((cmd, i) => {
    const step = compileCommand(source, cmd, env);
    if (dead.has(i)) return;
    if (step.stats !== undefined) {
      binPeriods = step.stats.by.flatMap((b) => (b.period === null ? [] : [nominalMs(b.period)]));
      statsOutputs = statsOutputsOf(step.stats, cmd as Extract<Command, { kind: "stats" }>);
    } else if (statsOutputs !== null) statsOutputs = statsOutputsAfter(statsOutputs, cmd);
    if (collector === null && !isBlocking(cmd)) {
      if (step.fused !== undefined) fused.push(step.fused);
      return;
    }
    if (collector === null) {
      const stats = step.stats;
      if (stats !== undefined) {
        collector = () => new StatsCollector(stats);
        return;
      }
      collector = retention(step.order ?? BY_TIMESTAMP_DESC, rowCap(cmd, commands[i + 1]));
    }
    rowOps.push(step.rows);
  });
  const names = env.display ?? env.fields;
  // Made on first use, once for each variant: new Function compiles, and V8 optimises each one made.
  const made: (RecordOp | undefined)[] = [];
  return {
    recordOp: (skipFirst) => (made[skipFirst ? 1 : 0] ??= fuseOps(skipFirst ? fused.slice(1) : fused)),
    rowOps,
    collector: collector ?? retention(BY_TIMESTAMP_DESC, Infinity),
    outputs: (names ?? DEFAULT_OUTPUTS).map((name) => ({ name, kind: env.kinds.get(name) ?? "value" })),
    outputFields: names,
    binPeriods,
    statsOutputs,
  };
}

function retention(order: readonly OrderKey[], cap: number): QueryPlan["collector"] {
  return (limit) => new RetainingCollector(order, Math.min(limit, cap));
}

/**
 * When the first blocking command is `limit N`, or a sort directly followed by `limit N`, only N
 * rows can reach the output, so only N need to be kept.
 */
function rowCap(first: Command, next: Command | undefined): number {
  if (first.kind === "limit") return first.count;
  if (first.kind === "sort" && next?.kind === "limit") return next.count;
  return Infinity;
}
