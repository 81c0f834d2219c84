import type { Context, Hono, MiddlewareHandler } from "hono";
import { timingSafeEqual } from "hono/utils/buffer";
import type { ScheduledResults } from "../jobs/scheduled-job.ts";
import { withTimeout } from "../platform/timeout.ts";
import type { Deps } from "../ports/index.ts";
import type { GatewayStatus } from "./health.ts";
import { metricsText } from "./metrics.ts";
import { type OpenScope, withScope } from "./scope.ts";

/**
 * Bearer auth against ADMIN_API_SECRET: anything but the right bearer (missing, malformed,
 * wrong) is a 401. Compared in constant time; with no secret configured, everyone is refused.
 */
function adminAuth(secret: (c: Context) => string | undefined): MiddlewareHandler {
  return async function requireAdminBearer(c, next) {
    const expected = secret(c);
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const valid = Boolean(expected && match?.[1] && (await timingSafeEqual(match[1], expected)));
    if (!valid) {
      c.header("WWW-Authenticate", 'Bearer realm="chopsticks-admin"');
      const error = expected
        ? "a valid bearer token is required"
        : "admin API disabled: ADMIN_API_SECRET is not set";
      return c.json({ error }, 401);
    }
    await next();
  };
}

/** Options for {@link mountAdmin}. */
export interface AdminRouteOptions {
  openScope: OpenScope;
  secret: (c: Context) => string | undefined;
  gateway: (deps: Deps) => Promise<GatewayStatus>;
  commandNames: readonly string[];
  /** Runs the scheduled work once, now. */
  runScheduled: (c: Context) => Promise<ScheduledResults>;
}

/**
 * `GET /metrics`, `GET /admin/db-pool` and `POST /admin/scheduled`, all behind the admin bearer.
 */
export function mountAdmin(app: Hono, options: AdminRouteOptions): void {
  const { openScope, gateway, commandNames, runScheduled } = options;
  const auth = adminAuth(options.secret);
  app.get("/metrics", auth, (c) =>
    withScope(c, openScope, async (deps) => {
      c.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      c.header("Cache-Control", "no-store");
      return c.body(await metricsText(deps, gateway, commandNames));
    }),
  );
  app.get("/admin/db-pool", auth, (c) =>
    withScope(c, openScope, async (deps) => {
      const probe = deps.dbProbe;
      const [latency, version] = await Promise.allSettled([
        withTimeout(probe.ping(), 1000, "SELECT 1"),
        withTimeout(probe.serverVersion(), 1000, "server version"),
      ]);
      const failed = (reason: unknown) =>
        reason instanceof Error && reason.name === "TimeoutError" ? "timeout" : "error";
      return c.json({
        driver: probe.driver,
        pool: probe.poolStats(),
        select1:
          latency.status === "fulfilled"
            ? { status: "ok", ms: Math.round(latency.value * 100) / 100 }
            : { status: failed(latency.reason) },
        serverVersion: version.status === "fulfilled" ? version.value : null,
      });
    }),
  );
  // After an outage, operators settle what came due without waiting for the next tick; tests
  // use it instead of waiting. 503 when a job failed: its rows stay due for the next run.
  app.post("/admin/scheduled", auth, async (c) => {
    const started = performance.now();
    const jobs = await runScheduled(c);
    const failed = Object.keys(jobs).filter((name) => jobs[name] === "failed");
    c.header("Cache-Control", "no-store");
    return c.json(
      { jobs, failed, ms: Math.round(performance.now() - started) },
      failed.length > 0 ? 503 : 200,
    );
  });
}
