export type BreakerTransition = "tripped" | "recovered" | null;

/**
 * Decides whether to try a failing dependency. After a failure the breaker stays open for
 * `cooldownMs`, so an outage costs one timeout per cooldown rather than one per request.
 */
export class CircuitBreaker {
  private openUntil: number | null = null;

  constructor(private readonly cooldownMs = 30_000) {}

  /** True while closed, or once the cooldown has passed (a trial call). */
  canTry(nowMs: number): boolean {
    return this.openUntil === null || nowMs >= this.openUntil;
  }

  get isOpen(): boolean {
    return this.openUntil !== null;
  }

  /** Records a success; reports `recovered` when this closes an open breaker. */
  success(): BreakerTransition {
    if (this.openUntil === null) return null;
    this.openUntil = null;
    return "recovered";
  }

  /** Records a failure; reports `tripped` when this opens a closed breaker. */
  failure(nowMs: number): BreakerTransition {
    const wasOpen = this.openUntil !== null;
    this.openUntil = nowMs + this.cooldownMs;
    return wasOpen ? null : "tripped";
  }
}
