import autocannon, { type Request as LoadRequest } from "autocannon";
import type { SignatureHeaders } from "../test/support/signer.ts";

export type { LoadRequest };

/** How long and how hard every load run goes; from the environment so CI can shorten it. */
export interface LoadSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

/** Reads BENCH_DURATION, BENCH_WARMUP (seconds) and BENCH_CONNECTIONS. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): LoadSettings {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    durationSeconds: number("BENCH_DURATION", 5),
    warmupSeconds: number("BENCH_WARMUP", 2),
    connections: Math.round(number("BENCH_CONNECTIONS", 10)),
  };
}

/** A pre-signed POST /interactions (signatures stay valid for Discord's five minutes). */
export function interactionRequest(body: string, signature: SignatureHeaders): LoadRequest {
  return {
    method: "POST",
    path: "/interactions",
    headers: { "content-type": "application/json", ...signature },
    body,
  };
}

/** What one measured run produced. */
export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  /** Wall time of the measured run. */
  seconds: number;
  /** Responses that were not 2xx, plus connection errors and timeouts. */
  failures: number;
}

async function fire(
  url: string,
  settings: LoadSettings,
  seconds: number,
  requestsFor: (connection: number) => LoadRequest[],
): Promise<LoadResult> {
  let connection = 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: settings.connections,
    duration: seconds,
    // Each connection cycles through its own list, so lists can hold distinct users.
    requests: requestsFor(0),
    setupClient: (client) => client.setRequests(requestsFor(connection++)),
  });
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    seconds: (performance.now() - started) / 1000,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Warms up for `warmupSeconds`, then measures for `durationSeconds` with `connections`
 * keep-alive connections; connection `i` sends `requestsFor(i)` in a loop. `beforeMeasure`
 * runs between the two (e.g. to snapshot CPU counters).
 */
export async function measureThroughput(
  url: string,
  settings: LoadSettings,
  requestsFor: (connection: number) => LoadRequest[],
  beforeMeasure: () => Promise<unknown> = async () => undefined,
): Promise<LoadResult> {
  await fire(url, settings, settings.warmupSeconds, requestsFor);
  await beforeMeasure();
  return fire(url, settings, settings.durationSeconds, requestsFor);
}

/** Median and 95th percentile of a sample, in ms. */
export interface LatencySummary {
  median: number;
  p95: number;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

/** Sends one request at a time and returns each one's round-trip time in ms. */
export async function sequentialLatencies(
  url: string,
  requests: readonly LoadRequest[],
): Promise<number[]> {
  const times: number[] = [];
  for (const request of requests) {
    const started = performance.now();
    const response = await fetch(`${url}${request.path}`, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: request.body as string,
    });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${request.path} answered ${response.status}`);
  }
  return times;
}
