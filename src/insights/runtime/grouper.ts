// Runs a compiled stats over records: one group per distinct combination of `by` values (null is
// a value of its own), held in nested Maps so finding a group allocates nothing. Memory grows with
// the number of groups, never with the number of records.
// Order of the result (AWS documents none): by the `by` values in order, ascending in the order of
// `sort` (natural-order.ts), nulls last — so bins come out oldest first.
import type { Accumulator } from "../library/aggregates.js";
import { compareKey } from "./natural-order.js";
import { newRow } from "./records.js";
import { slotName, type StatsPlan } from "../compile/stats-plan.js";
import type { Rec, Value } from "./values.js";

interface Group {
  readonly keys: Value[];
  readonly accumulators: Accumulator[];
}

type Level = Map<Value, Level | Group>;

export class Grouper {
  private root: Level = new Map();
  private readonly single: Group | null;
  private readonly keys: Value[];

  constructor(private readonly plan: StatsPlan) {
    this.keys = new Array<Value>(plan.by.length).fill(null);
    // Without `by` there is exactly one group, even when no record arrives (count(*) is then 0).
    this.single = plan.by.length === 0 ? this.newGroup() : null;
  }

  add(r: Rec): void {
    const group = this.single ?? this.findGroup(r);
    const aggregates = this.plan.aggregates;
    for (let i = 0; i < aggregates.length; i++) {
      const arg = (aggregates[i] as StatsPlan["aggregates"][number]).arg;
      (group.accumulators[i] as Accumulator).add(arg === null ? 1 : arg(r));
    }
  }

  /** The result rows, in the documented group order. */
  finish(): Rec[] {
    const groups: Group[] = this.single !== null ? [this.single] : [];
    if (this.single === null) collect(this.root, this.plan.by.length, groups);
    // The maps that found the groups go now: with 90,000 groups they weigh tens of MB.
    this.root = new Map();
    groups.sort((a, b) => {
      for (let i = 0; i < a.keys.length; i++) {
        const c = compareKey(a.keys[i] ?? null, b.keys[i] ?? null, false);
        if (c !== 0) return c;
      }
      return 0;
    });
    return groups.map((g) => this.row(g));
  }

  private findGroup(r: Rec): Group {
    const by = this.plan.by;
    const keys = this.keys;
    for (let i = 0; i < by.length; i++) keys[i] = (by[i] as StatsPlan["by"][number]).eval(r);
    let level = this.root;
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i] as Value;
      let next = level.get(key) as Level | undefined;
      if (next === undefined) level.set(key, (next = new Map()));
      level = next;
    }
    const last = keys[keys.length - 1] as Value;
    let group = level.get(last) as Group | undefined;
    if (group === undefined) level.set(last, (group = this.newGroup()));
    return group;
  }

  private newGroup(): Group {
    return { keys: [...this.keys], accumulators: this.plan.aggregates.map((a) => a.create()) };
  }

  private row(group: Group): Rec {
    const slots = newRow();
    group.accumulators.forEach((acc, i) => (slots[slotName(i)] = acc.result()));
    const row = newRow();
    this.plan.by.forEach((b, i) => (row[b.name] = group.keys[i] ?? null));
    for (const item of this.plan.items) row[item.name] = item.eval(slots);
    return row;
  }
}

function collect(level: Level, depth: number, out: Group[]): void {
  for (const child of level.values()) {
    if (depth === 1) out.push(child as Group);
    else collect(child as Level, depth - 1, out);
  }
}
