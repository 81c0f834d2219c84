import { createRedisClient } from "../test/support/redis-client.ts";
import type { BenchEnvironment } from "./environment.ts";

/** CPU seconds per process (or, divided by wall time, shares of one CPU). */
export interface CpuUsage {
  app: number;
  bridge: number;
  redis: number;
  /** This process: autocannon and the orchestration. */
  loadGenerator: number;
}

type Usage = { user: number; system: number };
const seconds = (usage: Usage) => (usage.user + usage.system) / 1e6;

/** Reads every process's CPU counters: the children's over IPC, Redis' from INFO. */
export async function readCpuUsage(env: BenchEnvironment): Promise<CpuUsage> {
  const redis = createRedisClient(env.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const [app, bridge, info] = await Promise.all([
      env.app.ask<{ cpu: Usage }>({ type: "status" }),
      env.bridge.ask<{ cpu: Usage }>({ type: "status" }),
      redis.info("cpu"),
    ]);
    const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
    return {
      app: seconds(app.cpu),
      bridge: seconds(bridge.cpu),
      redis: field("used_cpu_user") + field("used_cpu_sys"),
      loadGenerator: seconds(process.cpuUsage()),
    };
  } finally {
    redis.disconnect();
  }
}

/** Each process's share of one CPU between two readings `wallSeconds` apart. */
export function cpuShares(before: CpuUsage, after: CpuUsage, wallSeconds: number): CpuUsage {
  const share = (key: keyof CpuUsage) => (after[key] - before[key]) / wallSeconds;
  return {
    app: share("app"),
    bridge: share("bridge"),
    redis: share("redis"),
    loadGenerator: share("loadGenerator"),
  };
}
