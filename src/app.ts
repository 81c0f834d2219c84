import type { Context, Env as HonoEnv } from "hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { BlankEnv } from "hono/types";
import { mountAdmin } from "./http/admin.ts";
import { type GatewayStatus, mountHealth } from "./http/health.ts";
import { mountInteractions } from "./http/interactions.ts";
import type { OpenScope } from "./http/scope.ts";
import { type Guard, guildOnly } from "./interactions/handle.ts";
import type { CommandRegistry } from "./interactions/registry.ts";
import type { SignatureVerifier } from "./interactions/verify.ts";
import type { ScheduledResults } from "./jobs/scheduled-job.ts";
import { gatewayStatus } from "./music/service-status.ts";
import type { Deps } from "./ports/index.ts";

/** What a runtime entry supplies to build the app. */
export interface AppOptions {
  registry: CommandRegistry;
  /** The signature verifier; the entry caches it per isolate so the key is imported once. */
  verifier: (c: Context) => SignatureVerifier;
  openScope: OpenScope;
  /** Checks run before every handler, after the built-in guild-only guard. */
  guards?: readonly Guard[];
  /** Handlers still running after this long are deferred; default 2.5 s. */
  watchdogMs?: number;
  /** Whether the voice-node's gateway session is alive; default: its heartbeat row. */
  gateway?: (deps: Deps) => Promise<GatewayStatus>;
  /** ADMIN_API_SECRET for /metrics and /admin/*; admin routes refuse everyone without it. */
  adminSecret: (c: Context) => string | undefined;
  /** Runs the scheduled work once, now (`POST /admin/scheduled`). */
  runScheduled: (c: Context) => Promise<ScheduledResults>;
  /** Extra routes a runtime mounts (the local Discord stand-in on Node). */
  extend?: (app: Hono) => void;
}

/**
 * The edge app: every route, no clients. Each runtime (Workers, Node, tests) passes in how
 * to build a request's dependencies; nothing here reaches for a driver. `E` is the runtime's
 * Hono environment: the Worker's generated `Env` bindings (`wrangler types`), nothing on Node.
 * The routes read no bindings themselves, so they are mounted once, runtime-agnostic.
 */
export function createApp<E extends HonoEnv = BlankEnv>(options: AppOptions): Hono<E> {
  const routes = new Hono();
  mountInteractions(routes, {
    registry: options.registry,
    guards: [guildOnly, ...(options.guards ?? [])],
    verifier: options.verifier,
    openScope: options.openScope,
    watchdogMs: options.watchdogMs,
  });
  const gateway = options.gateway ?? gatewayStatus;
  mountHealth(routes, options.openScope, gateway);
  mountAdmin(routes, {
    openScope: options.openScope,
    secret: options.adminSecret,
    gateway,
    commandNames: options.registry.modules.map((m) => m.name),
    runScheduled: options.runScheduled,
  });
  options.extend?.(routes);
  const app = new Hono<E>();
  app.route("/", routes);
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    console.error(
      JSON.stringify({
        level: "error",
        event: "http.unhandled",
        path: c.req.path,
        message: error.message,
      }),
    );
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
