// main.cf, master.cf and the transport map of one harness run, all inside the run's directory.
// Postfix runs as `postfix -c DIR/conf` with its own queue: /etc/postfix is never touched.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FALLBACK_ROLE, LOCAL_DOMAIN, RELAY_HOSTS, ROUTES, type Route } from "./scenario.js";

/** Postfix's smtp_helo_timeout: above the bin guard's longest hold (3 s) so a held greeting is read. */
export const GREETING_TIMEOUT_S = 5;

export interface PostfixLayout {
  readonly dir: string;
  readonly confDir: string;
  readonly queueDir: string;
  readonly logPath: string;
  /** The hosts file Postfix reads as /etc/hosts (postfix-control.ts): the relay host names → loopback. */
  readonly hostsPath: string;
}

export function layout(dir: string): PostfixLayout {
  return {
    dir,
    confDir: join(dir, "conf"),
    queueDir: join(dir, "queue"),
    logPath: join(dir, "maillog"),
    hostsPath: join(dir, "conf", "hosts"),
  };
}

export function mainCf(l: PostfixLayout): string {
  const s = GREETING_TIMEOUT_S;
  return `# Written by test/postfix/postfix-config.ts for one harness run.
compatibility_level = 3.6
queue_directory = ${l.queueDir}
data_directory = ${join(l.dir, "data")}
maillog_file = ${l.logPath}
maillog_file_prefixes = ${l.dir}
myhostname = mailout.test
mydomain = mailout.test
mydestination = ${LOCAL_DOMAIN}
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtp_dns_support_level = disabled
smtp_host_lookup = native
lmtp_host_lookup = native
transport_maps = texthash:${join(l.confDir, "transport")}
# local.test: smtpd accepts any user; local(8) then bounces it (unknown user).
alias_maps =
alias_database =
local_recipient_maps =
biff = no
# Settle within minutes: quick retries, short lifetime (then status=expired and a bounce).
queue_run_delay = 20s
minimal_backoff_time = 20s
maximal_backoff_time = 40s
maximal_queue_lifetime = 90s
bounce_queue_lifetime = 90s
delay_warning_time = 0h
# One delivery = one fresh connection, so each greeting belongs to exactly one delivery.
smtp_connection_cache_on_demand = no
lmtp_connection_cache_on_demand = no
# Never declare a peer port dead: every delivery attempt must reach the peer (no "delivery
# temporarily suspended" lines that repeat a reply the peer sent once). 0 disables the limit.
default_destination_concurrency_failed_cohort_limit = 0
# The model depends on these; they are the defaults, spelled out.
smtp_skip_5xx_greeting = yes
soft_bounce = no
smtp_connect_timeout = 3s
lmtp_connect_timeout = 3s
smtp_helo_timeout = ${s}s
lmtp_lhlo_timeout = ${s}s
smtp_mail_timeout = 20s
smtp_rcpt_timeout = 20s
smtp_data_init_timeout = 20s
smtp_data_xfer_timeout = 20s
smtp_data_done_timeout = 20s
smtp_quit_timeout = 10s
lmtp_mail_timeout = 20s
lmtp_rcpt_timeout = 20s
lmtp_data_init_timeout = 20s
lmtp_data_xfer_timeout = 20s
lmtp_data_done_timeout = 20s
lmtp_quit_timeout = 10s
`;
}

export function masterCf(smtpdPort: number, ports: Readonly<Record<string, number>>): string {
  const service = (name: string, type: string, priv: string, unpriv: string, wakeup: string, limit: string, command: string) =>
    `${name.padEnd(16)} ${type.padEnd(10)} ${priv} ${unpriv} n ${wakeup.padEnd(4)} ${limit.padEnd(4)} ${command}`;
  return [
    "# Written by test/postfix/postfix-config.ts. No chroot: the queue lives in a temporary directory.",
    service(`127.0.0.1:${smtpdPort}`, "inet", "n", "-", "-", "-", "smtpd"),
    service("pickup", "unix", "n", "-", "60", "1", "pickup"),
    service("cleanup", "unix", "n", "-", "-", "0", "cleanup"),
    service("qmgr", "unix", "n", "-", "300", "1", "qmgr"),
    service("rewrite", "unix", "-", "-", "-", "-", "trivial-rewrite"),
    service("bounce", "unix", "-", "-", "-", "0", "bounce"),
    service("defer", "unix", "-", "-", "-", "0", "bounce"),
    service("trace", "unix", "-", "-", "-", "0", "bounce"),
    service("verify", "unix", "-", "-", "-", "1", "verify"),
    service("flush", "unix", "n", "-", "1000?", "0", "flush"),
    service("proxymap", "unix", "-", "-", "-", "-", "proxymap"),
    service("showq", "unix", "n", "-", "-", "-", "showq"),
    service("error", "unix", "-", "-", "-", "-", "error"),
    service("retry", "unix", "-", "-", "-", "-", "error"),
    service("local", "unix", "-", "n", "-", "-", "local"),
    service("smtp", "unix", "-", "-", "-", "-", "smtp"),
    service("lmtp", "unix", "-", "-", "-", "-", "lmtp"),
    // smtp with a fallback relay, for one domain only (postfix-harness-notes.md).
    service("smtpfb", "unix", "-", "-", "-", "-", `smtp -o smtp_fallback_relay=[127.0.0.1]:${port(ports, FALLBACK_ROLE)}`),
    service("anvil", "unix", "-", "-", "-", "1", "anvil"),
    service("scache", "unix", "-", "-", "-", "1", "scache"),
    service("postlog", "unix-dgram", "n", "-", "-", "1", "postlogd"),
    "",
  ].join("\n");
}

function port(ports: Readonly<Record<string, number>>, role: string): number {
  const p = ports[role];
  if (p === undefined) throw new Error(`postfix-config: the peer has no port for role ${role}`);
  return p;
}

function nexthop(route: Route, ports: Readonly<Record<string, number>>): string {
  const p = port(ports, route.role);
  const host = route.relayHost ?? "127.0.0.1";
  return route.transport === "lmtp" ? `lmtp:inet:[${host}]:${p}` : `${route.transport}:[${host}]:${p}`;
}

/** What Postfix's smtp_host_lookup = native resolves (through nsswitch's files): every relay host name to loopback. */
export function hostsFile(): string {
  return ["127.0.0.1 localhost", ...RELAY_HOSTS.map((host) => `127.0.0.1 ${host}`), ""].join("\n");
}

export function transportMap(ports: Readonly<Record<string, number>>): string {
  return `${ROUTES.map((route) => `${route.domain.padEnd(16)} ${nexthop(route, ports)}`).join("\n")}\n`;
}

export function writePostfixConfig(l: PostfixLayout, smtpdPort: number, ports: Readonly<Record<string, number>>): void {
  mkdirSync(l.confDir, { recursive: true });
  writeFileSync(join(l.confDir, "main.cf"), mainCf(l));
  writeFileSync(join(l.confDir, "master.cf"), masterCf(smtpdPort, ports));
  writeFileSync(join(l.confDir, "transport"), transportMap(ports));
  writeFileSync(l.hostsPath, hostsFile());
}
