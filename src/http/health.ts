import type { Hono } from "hono";
import { redisConfigured } from "../config.ts";
import { withTimeout } from "../platform/timeout.ts";
import type { Deps } from "../ports/index.ts";
import { VERSION } from "../version.ts";
import { type OpenScope, withScope } from "./scope.ts";

/** Health of one dependency. */
export type DependencyStatus = "ok" | "error" | "timeout" | "disabled";
export type GatewayStatus = "connected" | "disconnected" | "unknown";

/** All checks together must fit in this budget. */
const HEALTH_BUDGET_MS = 1000;

async function check(probe: () => Promise<unknown>): Promise<DependencyStatus> {
  try {
    await withTimeout(probe(), HEALTH_BUDGET_MS, "health check");
    return "ok";
  } catch (error) {
    return error instanceof Error && error.name === "TimeoutError" ? "timeout" : "error";
  }
}

/** Runs every dependency check in parallel within one second. */
export async function checkHealth(
  deps: Deps,
  gateway: (deps: Deps) => Promise<GatewayStatus>,
): Promise<{
  status: "ok" | "degraded";
  db: DependencyStatus;
  redis: DependencyStatus;
  gateway: GatewayStatus;
  version: string;
}> {
  const hasRedis = redisConfigured(deps.config);
  const [db, redis, gw] = await Promise.all([
    check(() => deps.dbProbe.ping()),
    hasRedis ? check(() => deps.store.ping()) : Promise.resolve<DependencyStatus>("disabled"),
    withTimeout(gateway(deps), HEALTH_BUDGET_MS).catch((): GatewayStatus => "unknown"),
  ]);
  const healthy = db === "ok" && (redis === "ok" || redis === "disabled");
  return { status: healthy ? "ok" : "degraded", db, redis, gateway: gw, version: VERSION };
}

/** `GET /health`: 200 whenever the process can answer, degraded included. */
export function mountHealth(
  app: Hono,
  openScope: OpenScope,
  gateway: (deps: Deps) => Promise<GatewayStatus>,
): void {
  app.get("/health", (c) =>
    withScope(c, openScope, async (deps) => {
      c.header("Cache-Control", "no-store");
      return c.json(await checkHealth(deps, gateway));
    }),
  );
}
