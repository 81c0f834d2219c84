import type {
  CommandOutcome,
  KeyValueStore,
  MetricsRecorder,
  MetricsSnapshot,
} from "../ports/index.ts";

/** Latency histogram bucket bounds in milliseconds. */
export const LATENCY_BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

const keys = (prefix: string) => ({
  commands: `${prefix}metrics:commands_total`,
  errors: `${prefix}metrics:command_errors_total`,
  rateLimitHits: `${prefix}metrics:rate_limit_hits_total`,
  latency: `${prefix}metrics:command_latency_ms`,
  aiRequests: `${prefix}metrics:ai_requests_total`,
  aiLatency: `${prefix}metrics:ai_latency_ms`,
  voiceLlmRequests: `${prefix}metrics:voice_llm_requests_total`,
});

/** /ai latency histogram bounds in milliseconds: answers take seconds, not milliseconds. */
export const AI_LATENCY_BUCKETS_MS = [
  500, 1000, 2500, 5000, 10000, 20000, 30000, 60000, 90000,
] as const;

function bucketFor(ms: number, bounds: readonly number[] = LATENCY_BUCKETS_MS): string {
  const bound = bounds.find((b) => ms <= b);
  return bound === undefined ? "+Inf" : String(bound);
}

/**
 * Buffers one request's counters and writes them in a single round trip when flushed;
 * Redis aggregates them across isolates. While Redis is down they land in memory.
 */
export class StoreMetricsRecorder implements MetricsRecorder {
  private readonly pending = new Map<string, Record<string, number>>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly prefix: string,
  ) {}

  private add(key: string, field: string, by = 1): void {
    const fields = this.pending.get(key) ?? {};
    fields[field] = (fields[field] ?? 0) + by;
    this.pending.set(key, fields);
  }

  observeCommand(command: string, outcome: CommandOutcome, durationMs: number): void {
    const k = keys(this.prefix);
    this.add(k.commands, command);
    if (outcome === "error") this.add(k.errors, command);
    this.add(k.latency, `${command}|${bucketFor(durationMs)}`);
    this.add(k.latency, `${command}|sum`, Math.round(durationMs));
    this.add(k.latency, `${command}|count`);
  }

  countRateLimitHit(bucket: string): void {
    this.add(keys(this.prefix).rateLimitHits, bucket);
  }

  observeAiRequest(outcome: string, durationMs: number): void {
    const k = keys(this.prefix);
    this.add(k.aiRequests, outcome);
    this.add(k.aiLatency, bucketFor(durationMs, AI_LATENCY_BUCKETS_MS));
    this.add(k.aiLatency, "sum", Math.round(durationMs));
    this.add(k.aiLatency, "count");
  }

  observeVoiceLlmRequest(outcome: string): void {
    this.add(keys(this.prefix).voiceLlmRequests, outcome);
  }

  async flush(): Promise<void> {
    const batch = [...this.pending];
    this.pending.clear();
    await Promise.all(batch.map(([key, fields]) => this.store.incrementFields(key, fields)));
  }
}

/** Reads the aggregated counters back for /metrics. */
export async function readMetrics(store: KeyValueStore, prefix: string): Promise<MetricsSnapshot> {
  const k = keys(prefix);
  const [
    commandsTotal,
    commandErrorsTotal,
    rateLimitHitsTotal,
    latencyRaw,
    aiRequestsTotal,
    aiRaw,
    voiceLlmRequestsTotal,
  ] = await Promise.all([
    store.readNumberHash(k.commands),
    store.readNumberHash(k.errors),
    store.readNumberHash(k.rateLimitHits),
    store.readNumberHash(k.latency),
    store.readNumberHash(k.aiRequests),
    store.readNumberHash(k.aiLatency),
    store.readNumberHash(k.voiceLlmRequests),
  ]);
  const { sum: aiSum = 0, count: aiCount = 0, ...aiBuckets } = aiRaw;
  const latency: MetricsSnapshot["latency"] = {};
  for (const [field, value] of Object.entries(latencyRaw)) {
    const split = field.lastIndexOf("|");
    const command = field.slice(0, split);
    const part = field.slice(split + 1);
    const entry = latency[command] ?? { buckets: {}, sumMs: 0, count: 0 };
    latency[command] = entry;
    if (part === "sum") entry.sumMs = value;
    else if (part === "count") entry.count = value;
    else entry.buckets[part] = value;
  }
  return {
    commandsTotal,
    commandErrorsTotal,
    rateLimitHitsTotal,
    latency,
    aiRequestsTotal,
    voiceLlmRequestsTotal,
    aiLatency: { buckets: aiBuckets, sumMs: aiSum, count: aiCount },
  };
}
