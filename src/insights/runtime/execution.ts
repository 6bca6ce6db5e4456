// One run of a compiled query: push events (any order), then finish once.
import { EngineError } from "../errors.js";
import type { QueryPlan } from "../compile/query-plan.js";
import { EventRecord } from "./records.js";
import type { RecTable } from "./rec-table.js";
import { allRows } from "../row-table.js";
import type { RowCollector } from "./row-collectors.js";
import type { Execution, LogEvent, QueryOutput, ResultField, ResultRow, TableOutput } from "../types.js";
import { formatValue, type Rec } from "./values.js";

export class QueryExecution implements Execution {
  private readonly collector: RowCollector;
  private readonly recordOp: ReturnType<QueryPlan["recordOp"]>;
  private scanned = 0;
  private matched = 0;
  private finished = false;

  constructor(
    private readonly plan: QueryPlan,
    private readonly limit: number,
    /** The first command is a filter every event pushed is known to pass (ExecuteOptions.prefiltered). */
    skipFirstFilter = false,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new EngineError(`execute limit must be a positive integer, got ${limit}`);
    this.collector = plan.collector(limit);
    this.recordOp = plan.recordOp(skipFirstFilter);
  }

  push(event: LogEvent): void {
    if (this.finished) throw new EngineError("push() called after finish()");
    this.scanned++;
    const r = new EventRecord(event) as Rec;
    if (!this.recordOp(r)) return;
    this.matched++;
    this.collector.add(r);
  }

  finish(): QueryOutput {
    const { rows, ...counts } = this.finishTable();
    return { rows: allRows(rows), ...counts };
  }

  finishTable(): TableOutput {
    if (this.finished) throw new EngineError("finish() called twice on one execution");
    this.finished = true;
    let records: RecTable = this.collector.finish();
    if (this.plan.rowOps.length > 0) {
      let rows = allRows(records);
      for (const op of this.plan.rowOps) rows = op(rows);
      records = rows;
    }
    const length = Math.min(records.length, this.limit);
    return {
      rows: { length, at: (index) => (index >= 0 && index < length ? this.project(records.at(index) as Rec) : undefined) },
      recordsScanned: this.scanned,
      recordsMatched: this.matched,
    };
  }

  /** GetQueryResults rows: `{field, value}` with string values; null or absent fields are left out. */
  private project(r: Rec): ResultRow {
    const row: ResultField[] = [];
    for (const { name, kind } of this.plan.outputs) {
      const v = r[name];
      if (v === undefined || v === null) continue;
      row.push({ field: name, value: formatValue(v, kind === "date") });
    }
    return row;
  }
}
