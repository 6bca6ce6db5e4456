// What `mail-metrics explain` must say about a harness run, from the peer's record alone: per
// reply/DSN metric, the provider of each line (the route of its recipient's domain, else of the
// peer role that answered) and the scripted reply texts, with the parts the peer filled in
// ({rcpt}, {id}) and the script's literal IP address written as explain masks them.
import type { ExpectedLine } from "./expected-lines.js";
import { replyMetric } from "./expected.js";
import { loggedReply } from "./reply.js";
import { ROUTES, type Route } from "./scenario.js";

/** metric → provider → lines. */
export type ProviderCounts = Record<string, Record<string, number>>;

export function routeOf(line: ExpectedLine): Route {
  const domain = line.recipient?.slice(line.recipient.lastIndexOf("@") + 1);
  const byDomain = ROUTES.find((route) => route.domain === domain);
  if (byDomain !== undefined) return byDomain;
  const byRole = ROUTES.filter((route) => route.role === line.role);
  if (byRole.length !== 1) throw new Error(`expected-explain: no single route for role ${line.role} (recipient ${line.recipient})`);
  return byRole[0]!;
}

export function providerCounts(lines: readonly ExpectedLine[]): ProviderCounts {
  const counts: ProviderCounts = {};
  for (const line of lines) {
    const metric = replyMetric(line);
    if (metric === null) continue;
    const provider = routeOf(line).provider ?? "other";
    const byProvider = (counts[metric] ??= {});
    byProvider[provider] = (byProvider[provider] ?? 0) + 1;
  }
  return counts;
}

/** metric → the scripted reply text, as explain groups it → lines. */
export function scriptedReplies(lines: readonly ExpectedLine[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const line of lines) {
    const metric = replyMetric(line);
    if (metric === null || line.script === undefined) continue;
    const text = loggedReply(line.script).replaceAll("{rcpt}", "{address}").replaceAll("127.0.0.1", "{ip}");
    const byText = (out[metric] ??= {});
    byText[text] = (byText[text] ?? 0) + 1;
  }
  return out;
}
