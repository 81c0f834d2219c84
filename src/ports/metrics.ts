/** How an interaction ended, for the command counters. */
export type CommandOutcome = "ok" | "user_error" | "error" | "rate_limited" | "blocked";

/** Records what happened during one request; flushed once, off the response path. */
export interface MetricsRecorder {
  observeCommand(command: string, outcome: CommandOutcome, durationMs: number): void;
  countRateLimitHit(bucket: string): void;
  /** One /ai answer: how it ended and how long it took. */
  observeAiRequest(outcome: string, durationMs: number): void;
  /** One `/ai voice` request: how far it got on this process (queued for the voice-node…). */
  observeVoiceLlmRequest(outcome: string): void;
  /** Writes what was recorded in one round trip; best effort while Redis is down. */
  flush(): Promise<void>;
}

/** Counters aggregated across isolates, as read back for /metrics. */
export interface MetricsSnapshot {
  commandsTotal: Record<string, number>;
  commandErrorsTotal: Record<string, number>;
  rateLimitHitsTotal: Record<string, number>;
  aiRequestsTotal: Record<string, number>;
  voiceLlmRequestsTotal: Record<string, number>;
  /** /ai answer latency: bucket upper bound (ms, or "+Inf") → count, plus sum and count. */
  aiLatency: { buckets: Record<string, number>; sumMs: number; count: number };
  /** Per command: bucket upper bound (ms, or "+Inf") → count, plus sum (ms) and count. */
  latency: Record<string, { buckets: Record<string, number>; sumMs: number; count: number }>;
}
