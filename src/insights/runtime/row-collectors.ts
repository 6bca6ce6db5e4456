// Where the records that pass the streaming commands are collected: a stats grouper, or (without
// stats) a bounded retention of the best rows by the query's first order.
import { Grouper } from "./grouper.js";
import { rank, rankedComparator, type OrderKey, type Ranked } from "./ordering.js";
import type { StatsPlan } from "../compile/stats-plan.js";
import { TopK } from "./top-k.js";
import type { RecTable } from "./rec-table.js";
import type { Rec } from "./values.js";

export interface RowCollector {
  add(r: Rec): void;
  /** The records in collection order: stats groups by key, retained rows by the retention order. */
  finish(): RecTable;
}

export class StatsCollector implements RowCollector {
  private readonly grouper: Grouper;
  constructor(plan: StatsPlan) {
    this.grouper = new Grouper(plan);
  }
  add(r: Rec): void {
    this.grouper.add(r);
  }
  finish(): RecTable {
    return this.grouper.finish();
  }
}

/**
 * Keeps the first `capacity` records by `order` (the query's first `sort`, else @timestamp
 * descending): memory is bounded by the row limit, not by the number of events.
 */
export class RetainingCollector implements RowCollector {
  private readonly top: TopK<Ranked>;
  private seq = 0;

  constructor(
    private readonly order: readonly OrderKey[],
    capacity: number,
  ) {
    this.top = new TopK(capacity, rankedComparator(order));
  }

  add(r: Rec): void {
    this.top.offer(rank(r, this.order, this.seq++));
  }

  finish(): Rec[] {
    return this.top.sorted().map((x) => x.rec);
  }
}
