// Whether a failed call left the host. A request that never reached the HTTP handler (no
// credentials, an invalid or missing region, an endpoint that cannot be built) certainly did
// nothing at AWS: it can be retried, and its message says "not sent" rather than "may have started
// a query". Two middlewares tell: the innermost (deserialize step, low priority: after signing,
// just before the HTTP handler) records that this call's request got there; the outermost
// (initialize step, high priority) marks a failure of a call whose request never did. Only that
// mark, never its absence, counts as proof, so an error from elsewhere is treated as "may have".
import type { AwsWhere } from "./where.js";

interface Annotation {
  readonly notSent: boolean;
  readonly where: AwsWhere;
}

const annotations = new WeakMap<object, Annotation>();
const REACHED = Symbol("mail-metrics: the request reached the HTTP handler");

/** Any SDK client's middleware stack (typed per client; these middlewares touch no input or output). */
export interface AnyMiddlewareStack {
  add(middleware: never, options: never): void;
}

type Next = (args: unknown) => Promise<unknown>;
type Context = Record<symbol, unknown>;

export function annotateErrors(client: { middlewareStack: AnyMiddlewareStack }, where: AwsWhere): void {
  const add = (middleware: (next: Next, context: Context) => Next, options: object) =>
    client.middlewareStack.add(middleware as never, options as never);
  add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (typeof error === "object" && error !== null) annotations.set(error, { notSent: context[REACHED] !== true, where });
        throw error;
      }
    },
    { step: "initialize", priority: "high", name: "mailMetricsAnnotateErrors" },
  );
  add(
    (next, context) => async (args) => {
      context[REACHED] = true;
      return next(args);
    },
    { step: "deserialize", priority: "low", name: "mailMetricsReachedHandler" },
  );
}

/** True only for a failure whose request certainly never reached the HTTP handler. */
export function neverReachedHandler(error: unknown): boolean {
  return typeof error === "object" && error !== null && annotations.get(error)?.notSent === true;
}

/** How the failed call's settings were given, when it went through an instrumented client. */
export function whereOfError(error: unknown): AwsWhere | undefined {
  return typeof error === "object" && error !== null ? annotations.get(error)?.where : undefined;
}
