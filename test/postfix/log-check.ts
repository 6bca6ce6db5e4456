// Matches the model's expected lines one to one against the delivery lines Postfix logged: same
// bin, recipient (or peer role), status, dsn and carried reply. What is left over on either side
// is a disagreement between the model and Postfix.
import { BIN_MS, binStart } from "./bin-guard.js";
import type { ExpectedLine } from "./expected-lines.js";
import type { LogLine } from "./log-lines.js";
import { loggedReply } from "./reply.js";

export interface LogCheck {
  readonly missing: readonly ExpectedLine[];
  readonly unexpected: readonly LogLine[];
  readonly matched: number;
}

/** What a logged line's text says about its cause, and the remote reply it carries. */
export function describeText(line: LogLine): string {
  const text = line.text;
  const said = text.indexOf(" said: ");
  if (said >= 0) return `said:${text.slice(said + 7).replace(/ \(in reply to [A-Za-z ]+ command\)$/, "")}`;
  const refused = text.indexOf(" refused to talk to me: ");
  if (refused >= 0) return `refused:${text.slice(refused + 24)}`;
  if (text.startsWith("lost connection with ")) return "lost-connection";
  if (text.startsWith("conversation with ") && text.includes(" timed out ")) return "timeout";
  if (text.startsWith("unknown user: ")) return "local-unknown-user";
  if (line.status === "sent") return `sent:${text}`;
  return `other:${text}`;
}

function describeExpected(e: ExpectedLine): string {
  return e.reply === null ? e.cause : `${e.form}:${loggedReply(e.reply)}`;
}

function key(bin: number, who: string, kind: string, status: string | null, dsn: string | null, text: string): string {
  return [bin, who, kind, status, dsn, text].join("|");
}

export function checkAgainstLog(
  expected: readonly ExpectedLine[],
  log: readonly LogLine[],
  ports: Readonly<Record<string, number>>,
): LogCheck {
  const roleByPort = new Map(Object.entries(ports).map(([role, port]) => [port, role]));
  const byRecipient = new Map<string, number[]>();
  const byRole = new Map<string, number[]>();
  const delivery = log.filter((l) => l.kind === "status" || l.kind === "info");
  delivery.forEach((l, i) => {
    const bin = binStart(l.t, BIN_MS);
    const text = describeText(l);
    const role = l.relayPort === null ? "local" : (roleByPort.get(l.relayPort) ?? `port ${l.relayPort}`);
    const push = (map: Map<string, number[]>, k: string) => map.set(k, [...(map.get(k) ?? []), i]);
    push(byRecipient, key(bin, l.kind === "info" ? "*" : (l.recipient ?? "?"), l.kind, l.status, l.dsn, text));
    push(byRole, key(bin, l.kind === "info" ? "*" : role, l.kind, l.status, l.dsn, text));
  });
  const used = new Set<number>();
  const take = (ids: number[] | undefined) => {
    const id = ids?.find((i) => !used.has(i));
    if (id !== undefined) used.add(id);
    return id !== undefined;
  };
  const missing: ExpectedLine[] = [];
  // Lines with a known recipient first, so role-level lines cannot take their log lines.
  const ordered = [...expected].sort((a, b) => Number(a.recipient === null) - Number(b.recipient === null));
  for (const e of ordered) {
    const bin = binStart(e.t, BIN_MS);
    const text = describeExpected(e);
    const ok =
      e.kind === "info"
        ? take(byRecipient.get(key(bin, "*", "info", null, null, text)))
        : e.recipient !== null
          ? take(byRecipient.get(key(bin, e.recipient, "status", e.status, e.dsn, text)))
          : take(byRole.get(key(bin, e.role ?? "local", "status", e.status, e.dsn, text)));
    if (!ok) missing.push(e);
  }
  return { missing, unexpected: delivery.filter((_, i) => !used.has(i)), matched: used.size };
}
