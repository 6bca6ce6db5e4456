// Runs a compiled stats over records: one group per distinct combination of `by` values (null is
// a value of its own), held in nested Maps so finding a group allocates nothing. Memory grows with
// the number of groups, never with the number of records; a group is its accumulators and its
// entry in the Map of its last `by` value (group-order.ts). Each Map remembers the last key it was
// asked for and what that found: log lines come in time order, so a line mostly falls in the bin of
// the last line of its group, and comparing a key with the last is cheaper than hashing it (a bin
// start is a boxed number, whose hash V8 works out in C++ on every lookup).
// Order of the result (AWS documents none): by the `by` values in order, ascending in the order of
// `sort` (natural-order.ts), nulls last — so bins come out oldest first. A group's `by` values are
// the Maps' keys, so -0 reads as 0 (Maps hold no -0: it prints as 0 either way).
import type { Accumulator } from "../library/aggregates.js";
import { orderedGroups, type Level, type Slot } from "./group-order.js";
import { newRow } from "./records.js";
import type { RecTable } from "./rec-table.js";
import { slotName, type StatsPlan } from "../compile/stats-plan.js";
import type { Rec, Value } from "./values.js";

/** A Level that remembers its last lookup; `===` on keys implies the Map's SameValueZero, so a hit is exact. */
class CachingLevel extends Map<Value, Level | Slot> {
  lastKey: Value | undefined = undefined;
  lastChild: Level | Slot | undefined = undefined;
}

export class Grouper {
  private root = new CachingLevel();
  private readonly single: Slot | null;
  /** One aggregate: its accumulator is the group's slot, not an array of one. */
  private readonly one: boolean;

  constructor(private readonly plan: StatsPlan) {
    this.one = plan.aggregates.length === 1;
    // Without `by` there is exactly one group, even when no record arrives (count(*) is then 0).
    this.single = plan.by.length === 0 ? this.newSlot() : null;
  }

  add(r: Rec): void {
    const slot = this.single ?? this.findSlot(r);
    const aggregates = this.plan.aggregates;
    if (this.one) {
      const arg = (aggregates[0] as StatsPlan["aggregates"][number]).arg;
      (slot as Accumulator).add(arg === null ? 1 : arg(r));
      return;
    }
    for (let i = 0; i < aggregates.length; i++) {
      const arg = (aggregates[i] as StatsPlan["aggregates"][number]).arg;
      ((slot as Accumulator[])[i] as Accumulator).add(arg === null ? 1 : arg(r));
    }
  }

  /** The result rows in the documented group order, each built from its group when read. */
  finish(): RecTable {
    const { keys, slots } = this.single !== null ? { keys: [], slots: [this.single] } : orderedGroups(this.root, this.plan.by.length);
    // The Maps that found the groups go now: the columns hold all that is left of them.
    this.root = new CachingLevel();
    return {
      length: slots.length,
      at: (index) => {
        const slot = slots[index];
        return slot === undefined ? undefined : this.row(keys, slot, index);
      },
    };
  }

  private findSlot(r: Rec): Slot {
    const by = this.plan.by;
    const last = by.length - 1;
    let level = this.root;
    for (let i = 0; i < last; i++) level = this.child(level, (by[i] as StatsPlan["by"][number]).eval(r), true) as CachingLevel;
    return this.child(level, (by[last] as StatsPlan["by"][number]).eval(r), false) as Slot;
  }

  /** The group or next level under `key`, made when new. */
  private child(level: CachingLevel, key: Value, inner: boolean): Level | Slot {
    if (key === level.lastKey && level.lastChild !== undefined) return level.lastChild;
    let child = level.get(key);
    if (child === undefined) level.set(key, (child = inner ? new CachingLevel() : this.newSlot()));
    level.lastKey = key;
    level.lastChild = child;
    return child;
  }

  private newSlot(): Slot {
    const aggregates = this.plan.aggregates;
    return this.one ? (aggregates[0] as StatsPlan["aggregates"][number]).create() : aggregates.map((a) => a.create());
  }

  private row(keys: readonly Value[][], slot: Slot, index: number): Rec {
    const slots = newRow();
    if (this.one) slots[slotName(0)] = (slot as Accumulator).result();
    else (slot as Accumulator[]).forEach((acc, i) => (slots[slotName(i)] = acc.result()));
    const row = newRow();
    this.plan.by.forEach((b, k) => (row[b.name] = (keys[k] as Value[])[index] ?? null));
    for (const item of this.plan.items) row[item.name] = item.eval(slots);
    return row;
  }
}
