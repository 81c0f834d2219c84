import type { Context } from "hono";
import type { Deps } from "../ports/index.ts";

/**
 * The dependencies of one request. `finish()` is called once the response is ready: the
 * runtime keeps post-response work alive (waitUntil), flushes metrics and then releases
 * per-request connections.
 */
export interface RequestScope {
  readonly deps: Deps;
  finish(): void;
}

/** How a runtime builds a request's scope. */
export type OpenScope = (c: Context) => Promise<RequestScope> | RequestScope;

/** Runs `use` with a fresh scope and always finishes it. */
export async function withScope<T>(
  c: Context,
  open: OpenScope,
  use: (deps: Deps) => Promise<T>,
): Promise<T> {
  const scope = await open(c);
  try {
    return await use(scope.deps);
  } finally {
    scope.finish();
  }
}
