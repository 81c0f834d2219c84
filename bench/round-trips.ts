import type { BenchEnvironment } from "./environment.ts";
import { sequentialLatencies } from "./load.ts";
import { helpRequest } from "./signed-interactions.ts";

/** Redis round trips of one kind of interaction, averaged. */
export interface TripCount {
  interactions: number;
  /** Upstash requests sent before the response was ready. */
  requestPath: number;
  /** Including everything after the response (cache fill, metrics flush). */
  total: number;
  /** The same total as the bridge counted it (a cross-check of the app-side count). */
  totalAtBridge: number;
}

/**
 * Sends `n` /help one at a time, waiting after each until the app's post-response work is
 * done, so no request's counts spill into the next one's.
 */
export async function countRoundTrips(
  env: BenchEnvironment,
  guildIds: readonly string[],
  n: number,
): Promise<TripCount> {
  const requests = await Promise.all(
    Array.from({ length: n }, (_, i) => helpRequest(env, guildIds[i % guildIds.length] ?? "")),
  );
  await env.app.ask({ type: "idle" });
  const bridgeBefore = await env.bridgeRequests();
  const start = await env.app.ask<{ upstashRequests: number }>({ type: "trips:start" });
  for (const request of requests) {
    await sequentialLatencies(env.app.url, [request]);
    await env.app.ask({ type: "idle" });
  }
  const stop = await env.app.ask<{ samples: number[]; upstashRequests: number }>({
    type: "trips:stop",
  });
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return {
    interactions: n,
    requestPath: mean(stop.samples),
    total: (stop.upstashRequests - start.upstashRequests) / n,
    totalAtBridge: ((await env.bridgeRequests()) - bridgeBefore) / n,
  };
}
