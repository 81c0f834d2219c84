// The slice of workerd's and the pool's module types these tests use. @cloudflare/workers-types
// is not installed: its globals would clash with the DOM and Node typings the repo compiles with.
declare module "cloudflare:workers" {
  /** The `main` worker's exports as the pool serves them (`ctx.exports`). */
  export const exports: {
    default: { fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> };
  };
  /** The bindings the pool gave the worker (`miniflare.bindings` + wrangler.toml vars), typed by
   * the generated worker-configuration.d.ts. */
  export const env: Env;
}

declare module "cloudflare:test" {
  import type { ExecutionContext } from "hono";

  export function createExecutionContext(): ExecutionContext;
  /** Waits for everything the handler passed to `ctx.waitUntil`. */
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function createScheduledController(options?: {
    scheduledTime?: Date | number;
    cron?: string;
  }): { scheduledTime: number; cron: string; noRetry(): void };
}
