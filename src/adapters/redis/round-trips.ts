import type { Redis } from "@upstash/redis";

type Pipeline = ReturnType<Redis["pipeline"]>;

interface Pending {
  add: (pipeline: Pipeline) => void;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Thrown for one command of a pipeline that Redis rejected (the message keeps NOSCRIPT etc). */
export class RedisCommandError extends Error {
  override name = "RedisCommandError";
}

/**
 * Batches every command issued in the same turn of the event loop into one Upstash
 * `/pipeline` request, reads and writes alike, so the request path (rate limits, cache,
 * counters) costs a single round trip. @upstash/redis's own auto-pipelining splits reads
 * from writes, which would make it two.
 */
export class RoundTrips {
  private pending: Pending[] = [];
  private scheduled = false;
  /** HTTP requests sent so far (for benchmarks and tests). */
  sent = 0;

  constructor(private readonly redis: Redis) {}

  /** Queues one command; resolves with its result once the batch returns. */
  run<T>(add: (pipeline: Pipeline) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ add, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => void this.flush(), 0);
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const pipeline = this.redis.pipeline();
    for (const item of batch) item.add(pipeline);
    this.sent++;
    try {
      const results = await pipeline.exec({ keepErrors: true });
      batch.forEach((item, i) => {
        const result = results[i];
        if (result?.error) item.reject(new RedisCommandError(result.error));
        else item.resolve(result?.result ?? null);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
