// The scripted SMTP/LMTP peer: plays remote mail servers on loopback ports, one port per role,
// answers each recipient as its script says, and records every reply it sends.
import { createServer, type Server, type Socket } from "node:net";
import { DEFAULT_GUARD, type BinGuard } from "./bin-guard.js";
import { systemClock, type Clock } from "./clock.js";
import type { PeerEvent } from "./peer-record.js";
import type { PeerScript } from "./peer-script.js";
import { PeerSession } from "./peer-session.js";

export interface PeerOptions {
  readonly script: PeerScript;
  /** Postfix's smtp_helo_timeout (ms): when a silent greeting will time out. */
  readonly greetingTimeoutMs: number;
  readonly clock?: Clock;
  /** The bin guard; null turns it off. Default: DEFAULT_GUARD. */
  readonly guard?: BinGuard | null;
  readonly host?: string;
}

export interface SmtpPeer {
  /** Listening port per role name. */
  readonly ports: Readonly<Record<string, number>>;
  /** A copy of the record so far, in the order the events happened. */
  record(): PeerEvent[];
  close(): Promise<void>;
}

export async function startPeer(options: PeerOptions): Promise<SmtpPeer> {
  const clock = options.clock ?? systemClock;
  const guard = options.guard === undefined ? DEFAULT_GUARD : options.guard;
  const events: PeerEvent[] = [];
  const attempts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  const ports: Record<string, number> = {};
  let connections = 0;
  let ids = 0;
  let shuttingDown = false;

  for (const role of options.script.roles) {
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      const session = new PeerSession(socket, {
        role,
        port: ports[role.name] ?? 0,
        connection: ++connections,
        rules: options.script.rules,
        clock,
        guard,
        greetingTimeoutMs: options.greetingTimeoutMs,
        nextAttempt: (roleName, address) => {
          const key = `${roleName}\u0000${address}`;
          const attempt = attempts.get(key) ?? 0;
          attempts.set(key, attempt + 1);
          return attempt;
        },
        nextId: () => (0x10000 + ++ids).toString(16).toUpperCase(),
        record: (event) => events.push({ seq: events.length + 1, ...event }),
        shuttingDown: () => shuttingDown,
      });
      session.start();
    });
    servers.push(server);
    ports[role.name] = await listen(server, options.host ?? "127.0.0.1");
  }

  return {
    ports,
    record: () => [...events],
    close: async () => {
      shuttingDown = true;
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("peer: no TCP address"));
      else resolve(address.port);
    });
  });
}
