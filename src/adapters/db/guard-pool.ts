import { DatabaseUnavailableError } from "../../ports/index.ts";
import { toDatabaseError } from "./errors.ts";

type Method = (...args: unknown[]) => unknown;
interface Queryable {
  query: Method;
}
interface PoolShape extends Queryable {
  connect: Method;
}

const guardedClients = new WeakSet<object>();

const isCallbackCall = (args: unknown[]) => typeof args[args.length - 1] === "function";

function translate(result: unknown): unknown {
  return result instanceof Promise
    ? result.catch((error: unknown) => {
        throw toDatabaseError(error);
      })
    : result;
}

/** A checked-out client (transactions): its promise-style queries raise our error too. */
function guardClient<C extends object>(client: C): C {
  if (guardedClients.has(client)) return client;
  guardedClients.add(client);
  const target = client as unknown as Queryable;
  const query = target.query.bind(client);
  target.query = (...args) => (isCallbackCall(args) ? query(...args) : translate(query(...args)));
  return client;
}

/**
 * Makes a pg-compatible pool (node-postgres, Neon) raise {@link DatabaseUnavailableError} when
 * Postgres cannot be reached, so nothing above the adapters needs to know a driver's errors.
 * While `ready()` is false (migrations not applied yet) every query fails at once with it.
 *
 * The pool is patched in place rather than wrapped: drizzle recognises a pool with
 * `instanceof Pool` to run transactions on a checked-out client. Callback-style calls are the
 * pool's own internals (`query` checks out a client with `connect(cb)`) and pass through.
 */
export function guardPool<P extends object>(pool: P, ready: () => boolean = () => true): P {
  const target = pool as unknown as PoolShape;
  const connect = target.connect.bind(pool);
  const query = target.query.bind(pool);
  const notReady = () =>
    Promise.reject(
      new DatabaseUnavailableError("database not ready: migrations have not been applied yet"),
    );
  target.connect = (...args) => {
    if (isCallbackCall(args)) return connect(...args);
    if (!ready()) return notReady();
    return translate((connect(...args) as Promise<object>).then(guardClient));
  };
  target.query = (...args) => {
    if (isCallbackCall(args)) return query(...args);
    if (!ready()) return notReady();
    return translate(query(...args));
  };
  return pool;
}
