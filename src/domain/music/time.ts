/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/**
 * Reads a position as users type it: `83`, `1:23` or `1:02:03` (seconds, minutes:seconds,
 * hours:minutes:seconds). Null when it is not one of those.
 */
export function parsePosition(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}(:\d{1,2}){0,2}$/.test(trimmed)) return null;
  const parts = trimmed.split(":").map(Number);
  if (parts.slice(1).some((part) => part >= 60)) return null;
  const seconds = parts.reduce((sum, part) => sum * 60 + part, 0);
  return seconds * 1000;
}

/** A text progress bar: `▬▬▬🔘▬▬▬▬▬▬`. */
export function progressBar(positionMs: number, lengthMs: number, width = 16): string {
  if (lengthMs <= 0) return `${"▬".repeat(width)} 🔴 LIVE`;
  const ratio = Math.min(1, Math.max(0, positionMs / lengthMs));
  const knob = Math.min(width - 1, Math.floor(ratio * width));
  return `${"▬".repeat(knob)}🔘${"▬".repeat(width - knob - 1)}`;
}
