// One real-Postfix run: peer up, Postfix configured and started from a temporary directory, a
// deterministic mix submitted over SMTP, queue settled, everything stopped. Returns the log, the
// peer record and the counts the shipped queries must produce.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN_MS } from "./bin-guard.js";
import { systemClock, type Clock } from "./clock.js";
import type { LocalDelivery } from "./expected-lines.js";
import { expectedCounts, type ExpectedCounts } from "./expected.js";
import { planMessages } from "./mix.js";
import type { PeerEvent } from "./peer-record.js";
import { GREETING_TIMEOUT_S, layout, writePostfixConfig } from "./postfix-config.js";
import { postfixSkipReason, postfixVersion, startPostfix, stopSync, waitQueueEmpty } from "./postfix-control.js";
import { LOCAL_DOMAIN, PEER_SCRIPT, ROLES, type RoleModel } from "./scenario.js";
import { startPeer } from "./smtp-peer.js";
import { submitAll, type Submission } from "./submit.js";

export const DEFAULT_SEED = 20261128;
export const DEFAULT_MESSAGES = 300;

export interface HarnessOptions {
  readonly seed?: number;
  readonly messages?: number;
  /** The message mix (mix.ts MIXES); default "default". */
  readonly mix?: string;
  /** Where the run's directory is created; default: the OS temp directory. */
  readonly baseDir?: string;
  readonly clock?: Clock;
  readonly settleTimeoutMs?: number;
}

export interface PostfixRun {
  readonly dir: string;
  /** The maillog_file Postfix wrote (UTC, `Nov 29 00:19:30 mailout postfix/smtp[123]: ...`). */
  readonly logPath: string;
  readonly seed: number;
  readonly messages: number;
  readonly postfixVersion: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly roles: readonly RoleModel[];
  readonly ports: Readonly<Record<string, number>>;
  readonly record: readonly PeerEvent[];
  readonly submissions: readonly Submission[];
  readonly local: readonly LocalDelivery[];
  readonly expected: ExpectedCounts;
}

/** Local bounces are logged out of the peer's sight, shortly after queueing: a wide quiet window. */
const LOCAL_GUARD = { binMs: BIN_MS, beforeMs: 15_000, afterMs: 1_000 };

const isLocal = (address: string) => address.endsWith(`@${LOCAL_DOMAIN}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function runPostfixHarness(options: HarnessOptions = {}): Promise<PostfixRun> {
  const reason = postfixSkipReason();
  if (reason !== null) throw new Error(`cannot run the Postfix harness: ${reason}`);
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? DEFAULT_SEED;
  const messages = options.messages ?? DEFAULT_MESSAGES;
  const l = layout(mkdtempSync(join(options.baseDir ?? tmpdir(), "mail-metrics-postfix-")));
  chmodSync(l.dir, 0o755); // Postfix's daemons run as user postfix and must reach their queue
  mkdirSync(l.queueDir);
  const startedAt = clock.now();
  const peer = await startPeer({ script: PEER_SCRIPT, greetingTimeoutMs: GREETING_TIMEOUT_S * 1000, clock });
  let submissions: Submission[] = [];
  let version = "";
  try {
    const smtpdPort = await freePort();
    writePostfixConfig(l, smtpdPort, peer.ports);
    version = postfixVersion(l);
    startPostfix(l);
    try {
      const plan = planMessages(seed, messages, options.mix);
      submissions = await submitAll(smtpdPort, plan, { clock, guard: LOCAL_GUARD, needsGuard: (m) => m.to.some(isLocal) });
      await waitQueueEmpty(l, clock, options.settleTimeoutMs ?? 6 * 60_000);
      await clock.sleep(1_000); // postlogd writes asynchronously
    } finally {
      stopSync(l);
    }
  } finally {
    await peer.close();
  }
  rmSync(l.queueDir, { recursive: true, force: true });
  rmSync(join(l.dir, "data"), { recursive: true, force: true });
  const record = peer.record();
  const local = submissions.flatMap((s) => s.to.filter(isLocal).map((recipient) => ({ t: s.t, recipient })));
  const run: PostfixRun = {
    dir: l.dir,
    logPath: l.logPath,
    seed,
    messages,
    postfixVersion: version,
    startedAt,
    finishedAt: clock.now(),
    roles: ROLES,
    ports: peer.ports,
    record,
    submissions,
    local,
    expected: expectedCounts(record, ROLES, local),
  };
  writeFileSync(join(l.dir, "run.json"), JSON.stringify(run, null, 1));
  return run;
}
