// Faults queued per operation and consumed by the next matching requests, in order.
import type { QueryEnd } from "./records.js";
import { serviceOf, type OperationName } from "./operations.js";

/** When a delayed or dropped request takes effect: before the wait/cut, after the wait, or not at all. */
export type StoreTiming = "before" | "after" | "never";

export type HttpFault =
  /** ThrottlingException (Logs) / Throttling (CloudWatch), HTTP 400: the SDK retries it. */
  | { readonly kind: "throttle" }
  /** LimitExceededException "Account maximum query concurrency limit of [N] reached." (Logs only). */
  | { readonly kind: "limit-exceeded"; readonly limit?: number }
  /** 500 (Logs ServiceUnavailableException / CloudWatch InternalServiceFault) or 503 ServiceUnavailable. */
  | { readonly kind: "server-error"; readonly status?: 500 | 503 }
  /** Answer after `ms` real milliseconds; `store` (default "after") says when the request takes effect. */
  | { readonly kind: "delay"; readonly ms: number; readonly store?: StoreTiming }
  /** Cut the connection without answering; `store: "before"` lets the request take effect first. */
  | { readonly kind: "drop"; readonly store?: "before" | "never" }
  /** The identity's policy does not allow the call: AccessDeniedException (Logs) / AccessDenied (CloudWatch). */
  | { readonly kind: "access-denied" }
  /**
   * The answer without these members (leave-out.ts): DescribeLogGroups' "logGroups", or
   * "logGroups.logGroupName" in each element; GetMetricData's "MetricDataResults", or
   * "MetricDataResults.Id", ".Timestamps" or ".Values" in each result.
   */
  | { readonly kind: "without"; readonly members: readonly string[] };

/**
 * How the next query StartQuery accepts behaves: it ends with `end` (default Complete; "never" stays
 * Running) after `scheduledPolls` Scheduled and `runningPolls` Running answers. The other fields
 * spoil its result the ways FIDELITY.md lists ("Result rows", "Truncation").
 */
export interface QueryFault {
  readonly kind: "query";
  readonly end?: QueryEnd;
  readonly scheduledPolls?: number;
  readonly runningPolls?: number;
  /**
   * The query has ended by the time StartQuery answers: no Scheduled or Running answer (over
   * `scheduledPolls` and `runningPolls`), and StopQuery finds it ended. How soon a query can end is
   * UNCONFIRMED (FIDELITY.md, StopQuery).
   */
  readonly endsAtOnce?: boolean;
  /** Rows beyond this many are lost below the query's `limit`; statistics.resultCount still counts them. */
  readonly rowLimit?: number;
  /** GetQueryResults answers the first page only, with no nextToken and no resultCount (a service without pagination). */
  readonly firstPageOnly?: boolean;
  /** statistics carries no resultCount (a service that predates it). */
  readonly withoutResultCount?: boolean;
  /** Rows with no cell at all, put first (grafana/grafana#24683). */
  readonly emptyRows?: number;
  /** The first `rows` (default 1) rows lack the cells of these fields (grafana/grafana#24702). */
  readonly missingCells?: { readonly fields: readonly string[]; readonly rows?: number };
  /**
   * Answer members left out: StartQuery's queryId (the query starts all the same), GetQueryResults'
   * status, results or statistics. The SDK model makes each optional; whether the service ever leaves one out is
   * UNCONFIRMED (FIDELITY.md).
   */
  readonly omit?: readonly OmittedMember[];
  /**
   * The first row's cells of these fields come with a field and no value, and the row gains a cell with
   * a value and no field (both ResultField members are optional in the SDK model; whether the service
   * ever sends such cells is UNCONFIRMED: FIDELITY.md).
   */
  readonly halfCells?: { readonly fields: readonly string[] };
  /** Every row's cells in the reverse order (the order of a row's cells is UNCONFIRMED: FIDELITY.md). */
  readonly reversedCells?: boolean;
}

export type OmittedMember = "queryId" | "status" | "results" | "statistics";

export type Fault = HttpFault | QueryFault;

interface Queued<F> {
  readonly fault: F;
  remaining: number;
}

/** Operations whose handler can accept a request without storing it (`store: "never"`). */
const DRY_RUN_OPERATIONS: readonly OperationName[] = ["PutMetricData", "PutLogEvents"];

export class Faults {
  private readonly http = new Map<OperationName, Queued<HttpFault>[]>();
  private readonly query: Queued<QueryFault>[] = [];

  /** Queue a fault for the next `times` (default 1) requests of `operation`. */
  next(operation: OperationName, fault: Fault, options: { readonly times?: number } = {}): this {
    checkFault(operation, fault);
    const remaining = options.times ?? 1;
    if (fault.kind === "query") {
      this.query.push({ fault, remaining });
    } else {
      this.http.set(operation, [...(this.http.get(operation) ?? []), { fault, remaining }]);
    }
    return this;
  }

  /** Number of fault applications still queued (for one operation, or all). */
  pending(operation?: OperationName): number {
    const queues = operation === undefined ? [...this.http.values()] : [this.http.get(operation) ?? []];
    const queryCount = operation === undefined || operation === "StartQuery" ? sum(this.query) : 0;
    return queues.reduce((total, queue) => total + sum(queue), 0) + queryCount;
  }

  clear(): void {
    this.http.clear();
    this.query.length = 0;
  }

  takeHttp(operation: OperationName): HttpFault | undefined {
    return take(this.http.get(operation) ?? []);
  }

  takeQuery(): QueryFault | undefined {
    return take(this.query);
  }
}

function take<F>(queue: Queued<F>[]): F | undefined {
  const head = queue[0];
  if (head === undefined) return undefined;
  head.remaining -= 1;
  if (head.remaining <= 0) queue.shift();
  return head.fault;
}

function sum(queue: readonly Queued<unknown>[]): number {
  return queue.reduce((total, item) => total + item.remaining, 0);
}

function checkFault(operation: OperationName, fault: Fault): void {
  const problem =
    fault.kind === "query" && operation !== "StartQuery"
      ? "a query fault applies to StartQuery only"
      : fault.kind === "limit-exceeded" && serviceOf(operation) !== "logs"
        ? "limit-exceeded is a CloudWatch Logs error"
        : fault.kind === "delay" && fault.store === "never" && !DRY_RUN_OPERATIONS.includes(operation)
          ? `store: "never" applies to ${DRY_RUN_OPERATIONS.join(" and ")} only`
          : undefined;
  if (problem !== undefined) throw new TypeError(`faults.next(${operation}, ${JSON.stringify(fault)}): ${problem}`);
}
