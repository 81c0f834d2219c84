import { ping } from "../test/support/interactions.ts";
import type { BenchEnvironment } from "./environment.ts";
import { interactionRequest, type LoadSettings, measureThroughput } from "./load.ts";
import { type ServerProcess, spawnServer } from "./spawn-server.ts";

/** Requests per second of each server, one entry per round. */
export interface PingThroughput {
  /** node:http + one cached Ed25519 verify: the floor the target is set against. */
  floor: number[];
  /** The same verify behind @hono/node-server, the app's HTTP adapter. */
  adapterFloor: number[];
  app: number[];
  /** Non-2xx responses and socket errors over all runs (should be 0). */
  failures: number;
}

/** The median of a few figures. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Part 1: signed-PING throughput of the real Node app against verify-only servers, all fed
 * the same body signed once. Each server runs in its own process while autocannon runs in
 * this one; the three are measured in turn, `rounds` times, so drift on a shared machine
 * hits all of them alike.
 */
export async function measurePingThroughput(
  env: BenchEnvironment,
  settings: LoadSettings,
  rounds = Number(process.env.BENCH_ROUNDS ?? 3),
): Promise<PingThroughput> {
  const body = JSON.stringify(ping({ applicationId: env.applicationId }));
  const request = interactionRequest(body, await env.signer.sign(body));
  const floorServer = (kind: string) =>
    spawnServer(new URL("./floor-server.ts", import.meta.url), [kind], {
      BENCH_PUBLIC_KEY: env.signer.publicKeyHex,
    });
  const floors: ServerProcess[] = [];
  try {
    floors.push(await floorServer("node-http"), await floorServer("hono-node-server"));
    const [floor, adapterFloor] = floors as [ServerProcess, ServerProcess];
    const result: PingThroughput = { floor: [], adapterFloor: [], app: [], failures: 0 };
    for (let round = 0; round < rounds; round++) {
      for (const [key, server] of [
        ["floor", floor],
        ["adapterFloor", adapterFloor],
        ["app", env.app],
      ] as const) {
        const run = await measureThroughput(server.url, settings, () => [request]);
        result[key].push(run.requestsPerSecond);
        result.failures += run.failures;
      }
    }
    return result;
  } finally {
    await Promise.all(floors.map((server) => server.stop()));
  }
}
