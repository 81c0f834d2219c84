import type { ExecutionContext, Hono } from "hono";
import { createAiServices } from "./adapters/ai/services.ts";
import { createWebGuardedFetch } from "./adapters/ai/web-guarded-fetch.ts";
import { isWorkersAiBinding } from "./adapters/ai/workers-ai.ts";
import { createNeonDatabase } from "./adapters/db/neon.ts";
import { createDiscordApi } from "./adapters/discord/rest.ts";
import { createApp } from "./app.ts";
import { type Config, ConfigError, parseConfig } from "./config.ts";
import { AI_LIMITS, parseAllowlist } from "./domain/ai/index.ts";
import { describeError } from "./platform/logger.ts";
import { createIsolate, createRemoteCache, type Isolate } from "./runtime/isolate.ts";
import { runScheduledWork } from "./runtime/scheduled.ts";
import { openRequestScope, type RequestResources } from "./runtime/scope.ts";

/** The slice of a cron trigger's controller this entry uses. */
interface ScheduledEvent {
  scheduledTime: number;
  cron: string;
}

type Booted = { isolate: Isolate; app: Hono } | { error: string };
let booted: Booted | undefined;

/** Per-request I/O: a Neon pool, an Upstash client and a REST client, none shared across requests. */
function openResources(
  config: Config & { DATABASE_URL: string },
  isolate: Isolate,
  env: Record<string, unknown>,
): RequestResources & { close(): Promise<void> } {
  const database = createNeonDatabase({
    url: config.DATABASE_URL,
    wsProxy: config.NEON_WS_PROXY,
    onIdleError: (error) =>
      isolate.log.warn("db.idle_client_error", { error: describeError(error) }),
  });
  return {
    database,
    remote: createRemoteCache(config),
    discord: createDiscordApi({
      apiBase: config.DISCORD_API_BASE,
      applicationId: isolate.applicationId,
      token: config.DISCORD_TOKEN,
    }),
    // waitUntil ends ~30 s after the response: answers are cut at 25 s with a note.
    ai: createAiServices({
      config,
      guardedFetch: createWebGuardedFetch(parseAllowlist(config.AI_PROVIDER_ALLOWLIST).origins),
      workersAi: isWorkersAiBinding(env.AI) ? env.AI : undefined,
      cutAfterMs: AI_LIMITS.shortLivedCutMs,
    }),
    close: () => database.close(),
  };
}

function requireDatabase(config: Config): Config & { DATABASE_URL: string } {
  if (!config.DATABASE_URL)
    throw new ConfigError("Invalid configuration: DATABASE_URL is required on Workers");
  return config as Config & { DATABASE_URL: string };
}

/** Checks the environment once per isolate; a bad value is reported on every request as one line. */
function boot(env: Record<string, unknown>): Booted {
  if (booted) return booted;
  try {
    const config = requireDatabase(parseConfig(env));
    const isolate = createIsolate(config);
    const app = createApp({
      registry: isolate.registry,
      guards: isolate.guards,
      watchdogMs: isolate.watchdogMs,
      adminSecret: () => isolate.config.ADMIN_API_SECRET,
      verifier: () => isolate.verifier,
      openScope: (c) => {
        const ctx = c.executionCtx as ExecutionContext;
        const resources = openResources(config, isolate, c.env as Record<string, unknown>);
        return openRequestScope(
          isolate,
          resources,
          (work) =>
            ctx.waitUntil(
              work.catch((error) =>
                isolate.log.error("request.after_response", { error: describeError(error) }),
              ),
            ),
          resources.close,
        );
      },
      runScheduled: async () => {
        const resources = openResources(config, isolate, env);
        try {
          return await runScheduledWork(isolate, resources, new Date(isolate.clock.now()));
        } finally {
          await resources.close();
        }
      },
    });
    booted = { isolate, app };
  } catch (error) {
    booted = { error: error instanceof Error ? error.message : String(error) };
  }
  return booted;
}

export default {
  fetch(
    request: Request,
    env: Record<string, unknown>,
    ctx: ExecutionContext,
  ): Response | Promise<Response> {
    const state = boot(env);
    if ("error" in state) {
      console.error(
        JSON.stringify({ level: "error", event: "config.invalid", message: state.error }),
      );
      return Response.json({ error: "misconfigured", detail: state.error }, { status: 500 });
    }
    return state.app.fetch(request, env, ctx);
  },

  scheduled(event: ScheduledEvent, env: Record<string, unknown>, ctx: ExecutionContext): void {
    const state = boot(env);
    if ("error" in state) {
      console.error(
        JSON.stringify({ level: "error", event: "config.invalid", message: state.error }),
      );
      return;
    }
    const { isolate } = state;
    const resources = openResources(requireDatabase(isolate.config), isolate, env);
    ctx.waitUntil(
      runScheduledWork(isolate, resources, new Date(event.scheduledTime))
        .catch((error) => isolate.log.error("scheduled.failed", { error: describeError(error) }))
        .finally(resources.close),
    );
  },
};
