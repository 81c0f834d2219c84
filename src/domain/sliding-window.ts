/** Counts in the current and previous fixed windows, as a sliding-window limiter keeps them. */
export interface WindowCounts {
  previous: number;
  current: number;
}

export interface SlidingWindowDecision {
  allowed: boolean;
  remaining: number;
  resetAt: number;
}

/**
 * The sliding-window approximation @upstash/ratelimit uses: the previous window's count is
 * weighted by how much of it still overlaps the sliding window.
 */
export function slidingWindow(
  counts: WindowCounts,
  nowMs: number,
  windowMs: number,
  limit: number,
): SlidingWindowDecision {
  const elapsed = (nowMs % windowMs) / windowMs;
  const weightedPrevious = Math.floor((1 - elapsed) * counts.previous);
  const resetAt = (Math.floor(nowMs / windowMs) + 1) * windowMs;
  const used = weightedPrevious + counts.current;
  if (used >= limit) return { allowed: false, remaining: 0, resetAt };
  return { allowed: true, remaining: Math.max(0, limit - used - 1), resetAt };
}
