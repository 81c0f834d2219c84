import { AI_OUTCOMES, VOICE_LLM_EDGE_OUTCOMES } from "../ai/outcomes.ts";
import { redisConfigured } from "../config.ts";
import { BUCKETS } from "../constants/rate-limits.ts";
import { openUploads } from "../data/music/uploads.ts";
import { histogramSamples, type MetricFamily, renderExposition } from "../domain/prometheus.ts";
import { musicQueueDepth } from "../music/enqueue.ts";
import { AI_LATENCY_BUCKETS_MS, LATENCY_BUCKETS_MS, readMetrics } from "../platform/metrics.ts";
import type { Deps } from "../ports/index.ts";
import { VERSION } from "../version.ts";
import { checkHealth, type GatewayStatus } from "./health.ts";

const zeroes = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, 0]));

const counter = (
  name: string,
  help: string,
  label: string,
  values: Record<string, number>,
): MetricFamily => ({
  name,
  help,
  type: "counter",
  samples: Object.entries(values).map(([key, value]) => ({ labels: { [label]: key }, value })),
});

/**
 * The /metrics exposition: counters aggregated in Redis plus dependency gauges checked now.
 * Counters start at 0 for every known command and bucket, so `increase()` sees the first
 * event. While a configured Redis is down the counters are left out rather than read from one
 * isolate's memory: a drop and a jump back would look like a burst of new events.
 */
export async function metricsText(
  deps: Deps,
  gateway: (deps: Deps) => Promise<GatewayStatus>,
  commandNames: readonly string[],
): Promise<string> {
  const [snapshot, health, musicJobs, uploads] = await Promise.all([
    readMetrics(deps.store, deps.config.REDIS_KEY_PREFIX),
    checkHealth(deps, gateway),
    // Left out when the queue cannot be read (database down): a 0 would look like "drained".
    musicQueueDepth(deps.jobs, deps.config.VOICE_SHARD_COUNT).catch(() => null),
    openUploads(deps.db).catch(() => null),
  ]);
  const countersTrusted = !redisConfigured(deps.config) || deps.store.backend() === "redis";
  const up = (ok: boolean) => (ok ? 1 : 0);
  const gauges: MetricFamily[] = [
    {
      name: "chopsticks_build_info",
      help: "Running version.",
      type: "gauge",
      samples: [{ labels: { version: VERSION }, value: 1 }],
    },
    {
      name: "chopsticks_dependency_up",
      help: "1 when the dependency answered the last check, 0 otherwise.",
      type: "gauge",
      samples: [
        { labels: { dependency: "db" }, value: up(health.db === "ok") },
        {
          labels: { dependency: "redis" },
          value: up(health.redis === "ok" || health.redis === "disabled"),
        },
        { labels: { dependency: "gateway" }, value: up(health.gateway === "connected") },
      ],
    },
    ...(musicJobs === null
      ? []
      : [
          {
            name: "chopsticks_queue_depth",
            help: "Jobs waiting for (or running on) their consumer, by queue.",
            type: "gauge" as const,
            samples: [{ labels: { queue: "music" }, value: musicJobs }],
          },
        ]),
    ...(uploads === null
      ? []
      : [
          {
            name: "chopsticks_playlist_upload_queue_depth",
            help: "Playlist uploads waiting for (or being resolved by) a voice-node.",
            type: "gauge" as const,
            samples: [{ labels: {}, value: uploads }],
          },
        ]),
  ];
  if (!countersTrusted) return renderExposition(gauges);
  return renderExposition([
    ...gauges,
    counter("chopsticks_commands_total", "Interactions handled, by command.", "command", {
      ...zeroes(commandNames),
      ...snapshot.commandsTotal,
    }),
    counter(
      "chopsticks_command_errors_total",
      "Interactions that failed unexpectedly, by command.",
      "command",
      {
        ...zeroes(commandNames),
        ...snapshot.commandErrorsTotal,
      },
    ),
    counter(
      "chopsticks_rate_limit_hits_total",
      "Interactions refused by a rate limit, by bucket.",
      "bucket",
      {
        ...zeroes(BUCKETS),
        ...snapshot.rateLimitHitsTotal,
      },
    ),
    {
      name: "chopsticks_command_duration_seconds",
      help: "Time from receipt to final answer, by command.",
      type: "histogram",
      samples: Object.entries(snapshot.latency).flatMap(([command, h]) =>
        histogramSamples({ command }, LATENCY_BUCKETS_MS, h.buckets, h.sumMs, h.count),
      ),
    },
    counter("chopsticks_ai_requests_total", "/ai answers, by how they ended.", "outcome", {
      ...zeroes(AI_OUTCOMES),
      ...snapshot.aiRequestsTotal,
    }),
    counter(
      "chopsticks_voice_llm_requests_total",
      "/ai voice requests, by how far they got on the edge (queued: handed to the voice-node).",
      "outcome",
      { ...zeroes(VOICE_LLM_EDGE_OUTCOMES), ...snapshot.voiceLlmRequestsTotal },
    ),
    {
      name: "chopsticks_ai_request_duration_seconds",
      help: "Time from the /ai request to its final answer.",
      type: "histogram",
      samples: histogramSamples(
        {},
        AI_LATENCY_BUCKETS_MS,
        snapshot.aiLatency.buckets,
        snapshot.aiLatency.sumMs,
        snapshot.aiLatency.count,
      ),
    },
  ]);
}
