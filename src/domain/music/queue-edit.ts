/** How many shuffle snapshots a guild keeps (newest first), and for how long. */
export const SHUFFLE_SNAPSHOTS_KEPT = 5;
export const SHUFFLE_SNAPSHOT_TTL_SECONDS = 24 * 60 * 60;

/** The upcoming order before a shuffle: queue entry ids, first to play first. */
export interface ShuffleSnapshot {
  /** When it was taken (ms since 1970). */
  at: number;
  ids: number[];
}

/**
 * A new order for `ids` (Fisher–Yates). With two or more tracks the result always differs from
 * the input: a "shuffle" that changes nothing looks broken to the people listening.
 */
export function shuffleOrder<T>(
  ids: readonly T[],
  random: { int(maxExclusive: number): number },
): T[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  if (out.length > 1 && out.every((id, i) => id === ids[i])) out.push(out.shift() as T);
  return out;
}

/**
 * The order an unshuffle restores: the snapshot's order for the tracks still waiting (those
 * played or removed since are dropped), then the tracks added since, in their current order.
 */
export function restoreOrder(snapshot: readonly number[], upcoming: readonly number[]): number[] {
  const waiting = new Set(upcoming);
  const remembered = new Set(snapshot);
  return [
    ...snapshot.filter((id) => waiting.has(id)),
    ...upcoming.filter((id) => !remembered.has(id)),
  ];
}

/** Adds a snapshot in front, keeping the newest {@link SHUFFLE_SNAPSHOTS_KEPT} younger than a day. */
export function pushSnapshot(
  kept: readonly ShuffleSnapshot[],
  snapshot: ShuffleSnapshot,
): ShuffleSnapshot[] {
  return liveSnapshots([snapshot, ...kept], snapshot.at).slice(0, SHUFFLE_SNAPSHOTS_KEPT);
}

/** The snapshots younger than their expiry at `now`, newest first. */
export function liveSnapshots(kept: readonly ShuffleSnapshot[], now: number): ShuffleSnapshot[] {
  return kept.filter((s) => now - s.at < SHUFFLE_SNAPSHOT_TTL_SECONDS * 1000);
}

/** A 1-based span of the upcoming tracks, checked against how many there are. */
export type Span = { ok: true; from: number; to: number } | { ok: false; reason: string };

/** Checks `/music remove position:<n> [to:<m>]` against a queue of `length` upcoming tracks. */
export function removalSpan(from: number, to: number | null, length: number): Span {
  if (length === 0) return { ok: false, reason: "Nothing is waiting in the queue." };
  const last = to ?? from;
  const outside = [from, last].find((n) => !Number.isInteger(n) || n < 1 || n > length);
  if (outside !== undefined) return { ok: false, reason: outOfRange(outside, length) };
  if (last < from)
    return { ok: false, reason: `The range ${from}–${last} runs backwards: put the lower first.` };
  return { ok: true, from, to: last };
}

/** Checks `/music move from:<n> to:<m>` against a queue of `length` upcoming tracks. */
export function moveSpan(from: number, to: number, length: number): Span {
  if (length < 2) return { ok: false, reason: "There is nothing to move: add more tracks first." };
  const outside = [from, to].find((n) => !Number.isInteger(n) || n < 1 || n > length);
  if (outside !== undefined) return { ok: false, reason: outOfRange(outside, length) };
  if (from === to) return { ok: false, reason: `Track #${from} is already there.` };
  return { ok: true, from, to };
}

function outOfRange(n: number, length: number): string {
  return `There is no track #${n}: the queue has ${length} track${length === 1 ? "" : "s"} up next (1–${length}).`;
}

/** The list after moving the item at 1-based `from` to 1-based `to` (the reference model). */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from - 1, 1);
  out.splice(to - 1, 0, item as T);
  return out;
}
