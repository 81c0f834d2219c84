import type { Context, Hono, MiddlewareHandler } from "hono";
import { timingSafeEqual } from "hono/utils/buffer";
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
}

/** `GET /metrics` and `GET /admin/db-pool`, both behind the admin bearer. */
export function mountAdmin(app: Hono, options: AdminRouteOptions): void {
  const { openScope, gateway, commandNames } = options;
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
}
