// Watches requests as they reach the stand-in, before it handles them. The stand-in records every
// request (state.requests.push) and only then takes the operation's queued fault and runs the
// handler, all in the same tick, so a watcher can still decide this very request's fate: kill the
// client now (the request is handled anyway, for a client that never hears the answer), or queue a
// fault for it (drop it unhandled).
import type { RequestRecord } from "../fake-cloudwatch/records.js";
import type { StandIn } from "../fake-cloudwatch/start-stand-in.js";

export type RequestWatcher = (request: RequestRecord) => void;

/** Calls `watcher` for every request from now on; returns the function that stops watching. */
export function watchRequests(standIn: StandIn, watcher: RequestWatcher): () => void {
  const requests = standIn.state.requests;
  requests.push = (...items: RequestRecord[]): number => {
    const length = Array.prototype.push.apply(requests, items);
    items.forEach(watcher);
    return length;
  };
  return () => {
    // Back to the prototype's push.
    delete (requests as { push?: unknown }).push;
  };
}

/** Resolves at the arrival of the next request of `operation` (after `watcher`-style handling by `then`). */
export function nextRequest(standIn: StandIn, operation: string, then: RequestWatcher = () => undefined): Promise<RequestRecord> {
  return new Promise((resolve) => {
    const stop = watchRequests(standIn, (request) => {
      if (request.operation !== operation) return;
      stop();
      then(request);
      resolve(request);
    });
  });
}
