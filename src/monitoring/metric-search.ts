// The one SEARCH expression that graphs a query's metrics, new names included as they appear
// (CloudWatch user guide, "CloudWatch search expression syntax": `SEARCH('{Namespace, DimensionName,
// ...} SearchTerm', 'Statistic', Period)`; a name with non-alphanumeric characters in double quotes;
// `Name="value"` an exact match, an unquoted term a partial one; Boolean operators). SEARCH has no
// wildcard or regex (attune-io/attune#615, quoting the same page), so queries that share a
// namespace and dimensions are told apart by words their names hold: Postfix's delivery status
// words are in every postfix-delivery-status name and in no reply/DSN name, which hold no letters.
import type { ResolvedQuery } from "../config/resolved.js";
import { HEARTBEAT_NAMES } from "../metrics/heartbeat-names.js";
import { isStatic } from "../metrics/template.js";

/**
 * The status words of postfix-delivery-status names (docs/postfix-counting-rules.md#postfix-delivery-status):
 * what Postfix writes after `dsn=D.D.D, status=`. A status missing here shows among the replies.
 */
const DELIVERY_STATUS_WORDS = ["sent", "deferred", "bounced", "SOFTBOUNCE", "undeliverable", "deliverable"];
const NAME_WORDS: Readonly<Record<string, readonly string[]>> = { "postfix-delivery-status": DELIVERY_STATUS_WORDS };

export interface MetricSearch {
  readonly expression: string;
  /** Other queries whose metrics the expression cannot keep out. */
  readonly mixedWith: readonly ResolvedQuery[];
}

export function metricSearch(
  namespace: string,
  query: ResolvedQuery,
  all: readonly ResolvedQuery[],
  statistic: string,
  period: number,
): MetricSearch {
  const dimensions = query.mapping.dimensions;
  const schema = [namespace, ...Object.keys(dimensions)].map(quotedName).join(",");
  const terms = Object.entries(dimensions)
    .filter(([, value]) => isStatic(value))
    .map(([name, value]) => `${quotedName(name)}="${value}"`);
  const own = NAME_WORDS[query.definition.name];
  if (own !== undefined) terms.push(`MetricName=(${own.join(" OR ")})`);
  const sharing = all.filter((other) => other !== query && sameSeriesSpace(query, other));
  const excluded = sharing.flatMap((other) => NAME_WORDS[other.definition.name] ?? []);
  if (own === undefined && excluded.length > 0) terms.push(`NOT MetricName=(${excluded.join(" OR ")})`);
  // With no dimension in the schema, only an exact reading of it keeps the heartbeat (Config) out.
  if (Object.keys(dimensions).length === 0) terms.push(`NOT MetricName=(${HEARTBEAT_NAMES.map((name) => `"${name}"`).join(" OR ")})`);
  const mixedWith = own === undefined ? sharing.filter((other) => NAME_WORDS[other.definition.name] === undefined) : [];
  return { expression: `SEARCH('{${schema}} ${terms.join(" ")}', '${statistic}', ${period})`, mixedWith };
}

/** Characters a SEARCH string cannot carry: its own quotes, and the backslash whose escaping is not documented. */
export const UNSEARCHABLE = /['"\\]/;

/** Same dimension names, and no static value that tells them apart. */
function sameSeriesSpace(a: ResolvedQuery, b: ResolvedQuery): boolean {
  const x = a.mapping.dimensions;
  const y = b.mapping.dimensions;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length || !keys.every((key) => key in y)) return false;
  return keys.every((key) => !isStatic(x[key]!) || !isStatic(y[key]!) || x[key] === y[key]);
}

const quotedName = (name: string): string => (/^[A-Za-z0-9]+$/.test(name) ? name : `"${name}"`);
