import type { LoopMode } from "./job.ts";

/** Why the current track stops being current. */
export type EndReason = "finished" | "skipped" | "failed";

/**
 * What happens to the current queue entry when it ends: removed, moved to the back of the
 * queue (loop queue), or played again (loop track, but only when it finished by itself — a
 * skip or a failure moves on).
 */
export function afterTrackEnd(loop: LoopMode, reason: EndReason): "remove" | "rotate" | "repeat" {
  if (loop === "track" && reason === "finished") return "repeat";
  if (loop === "queue" && reason !== "failed") return "rotate";
  return "remove";
}

/** Where playback stands at `now`, from the last saved position. */
export function positionAt(
  saved: { positionMs: number; positionAt: Date | null; paused: boolean },
  lengthMs: number,
  now: number,
): number {
  const elapsed = saved.paused || !saved.positionAt ? 0 : now - saved.positionAt.getTime();
  const position = saved.positionMs + Math.max(0, elapsed);
  return lengthMs > 0 ? Math.min(position, lengthMs) : position;
}

/**
 * How long until an entry starts: what is left of the current track plus the lengths of the
 * entries before it. Null when a live stream stands in the way (it never ends by itself).
 */
export function startsIn(
  current: { remainingMs: number; isStream: boolean } | null,
  ahead: readonly { lengthMs: number; isStream: boolean }[],
): number | null {
  if (current?.isStream || ahead.some((entry) => entry.isStream)) return null;
  return (current?.remainingMs ?? 0) + ahead.reduce((sum, entry) => sum + entry.lengthMs, 0);
}
