// Starts the CloudWatch / CloudWatch Logs stand-in on a free loopback port. Point the real SDK
// clients at `endpoint` with any static credentials.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exchange } from "./exchange.js";
import { Faults } from "./faults.js";
import { resolveOptions, type StandInOptions } from "./options.js";
import type { StandInCore } from "./stand-in-core.js";
import { StandInState } from "./state.js";

export interface StandIn {
  /** `http://127.0.0.1:<port>`, for both services. */
  readonly endpoint: string;
  readonly state: StandInState;
  readonly faults: Faults;
  /**
   * Stops listening (and closes idle keep-alive connections) so new calls fail with ECONNREFUSED:
   * the one network error a caller knows was never processed. State and port are kept.
   */
  refuseConnections(): void;
  /** Listens again on the same port. */
  acceptConnections(): Promise<void>;
  close(): Promise<void>;
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const resolved = resolveOptions(options);
  const timers = new Map<NodeJS.Timeout, () => void>();
  const core: StandInCore = {
    state: new StandInState(resolved.now),
    faults: new Faults(),
    options: resolved,
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.set(timer, resolve);
      }),
  };
  const server = createServer((req, res) => {
    exchange(core, req, res).catch((error: unknown) => {
      core.state.internalErrors.push(String(error));
      res.destroy();
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, resolved.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(resolved.port);
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${resolved.host}:${port}`,
    state: core.state,
    faults: core.faults,
    refuseConnections: () => {
      server.close();
      server.closeIdleConnections();
    },
    acceptConnections: async () => {
      if (!server.listening) await listen(port);
    },
    close: async () => {
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
