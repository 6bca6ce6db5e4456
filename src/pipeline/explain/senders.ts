// The envelope sender of the messages behind a metric. Postfix logs `from=<…>` on the queue
// manager's line for the queue id (`5FCA28903A: from=<dev@contoso.com>, size=9334, nrcpt=1 (queue
// active)`), not on the delivery line, and a Logs Insights query reads one event at a time: it
// cannot join two lines. So a second query fetches the qmgr lines of those queue ids, and the join
// is done here. qmgr logs the line each time the message enters the active queue, just before each
// delivery attempt, so it is looked for from a little before the range.
import { compileQuery } from "../../insights/compile.js";
import type { ResultRow } from "../../insights/types.js";

/** How long before the range a delivery's qmgr line is looked for. */
export const SENDER_LOOKBACK_MS = 15 * 60_000;

/** StartQuery's queryString limit (10,000 characters, API_StartQuery), less room for the window cut. */
const QUERY_BUDGET = 9_500;

const HEAD = [
  "filter @message like /: from=</",
  "| parse @message /(?<queueId>[0-9A-Za-z]+): from=<(?<sender>[^>]*)>/",
  "| filter queueId in [",
];
const TAIL = "]\n| display queueId, sender";

/** Queries for the qmgr lines of `queueIds`, as few as StartQuery's query length allows. */
export function senderQueries(queueIds: readonly string[]): string[] {
  const queries: string[] = [];
  let batch: string[] = [];
  const text = (ids: readonly string[]) => `${HEAD.join("\n")}${ids.map((id) => `"${id}"`).join(", ")}${TAIL}`;
  for (const id of [...new Set(queueIds)].sort()) {
    if (batch.length > 0 && text([...batch, id]).length > QUERY_BUDGET) {
      queries.push(text(batch));
      batch = [];
    }
    batch.push(id);
  }
  if (batch.length > 0) queries.push(text(batch));
  // Every query passes the engine's and the service's dialect rules.
  for (const query of queries) compileQuery(query);
  return queries;
}

/** Queue id → sender ("" for the null sender of a bounce) from the rows of senderQueries. */
export function sendersOf(rows: readonly ResultRow[]): Map<string, string> {
  const senders = new Map<string, string>();
  for (const row of rows) {
    const id = row.find((cell) => cell.field === "queueId")?.value;
    if (id === undefined) continue;
    senders.set(id, row.find((cell) => cell.field === "sender")?.value ?? "");
  }
  return senders;
}
