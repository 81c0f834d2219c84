/** How often `/daily` pays, and how long a streak survives without a claim. */
export const DAILY_COOLDOWN_MS = 24 * 3_600_000;
export const STREAK_BREAK_MS = 48 * 3_600_000;
/** Each consecutive day adds this many percent, up to {@link STREAK_BONUS_MAX_PERCENT}. */
export const STREAK_BONUS_PERCENT = 10;
export const STREAK_BONUS_MAX_PERCENT = 70;
/** How often `/work` pays. */
export const WORK_COOLDOWN_MS = 3_600_000;

/** A member's last daily claim. */
export interface DailyState {
  lastAt: number | null;
  streak: number;
}

/** What `/daily` does now: pay (with the new streak), or say when it can. */
export type DailyDecision =
  | { ok: true; streak: number; bonusPercent: number; amount: bigint; nextAt: number }
  | { ok: false; nextAt: number };

/**
 * `/daily` at `now`: once per 24 h; a claim within 48 h of the last one continues the
 * streak, which adds 10 % per consecutive day after the first, up to +70 %.
 */
export function decideDaily(state: DailyState, now: number, base: bigint): DailyDecision {
  if (state.lastAt !== null && now - state.lastAt < DAILY_COOLDOWN_MS)
    return { ok: false, nextAt: state.lastAt + DAILY_COOLDOWN_MS };
  const continues = state.lastAt !== null && now - state.lastAt <= STREAK_BREAK_MS;
  const streak = continues ? state.streak + 1 : 1;
  const bonusPercent = Math.min(STREAK_BONUS_MAX_PERCENT, (streak - 1) * STREAK_BONUS_PERCENT);
  const amount = base + (base * BigInt(bonusPercent)) / 100n;
  return { ok: true, streak, bonusPercent, amount, nextAt: now + DAILY_COOLDOWN_MS };
}

/** When `/work` may pay again; null when it may now. */
export function workBlockedUntil(lastAt: number | null, now: number): number | null {
  if (lastAt === null || now - lastAt >= WORK_COOLDOWN_MS) return null;
  return lastAt + WORK_COOLDOWN_MS;
}
