/** "Checking members: 240 of 450…" while a massban preview looks up roles. */
export function checkingLine(done: number, total: number): string {
  return `Checking members: ${done} of ${total}…`;
}

/** "Banned 200 of 450 (chunk 1 of 3)…" between bulk-ban calls. */
export function banningLine(processed: number, total: number, banned: number): string {
  const failed = processed - banned;
  return `Processed ${processed} of ${total}: ${banned} banned${failed ? `, ${failed} failed` : ""}…`;
}

/** "Unbanned 100 of 450…" during an undo. */
export function unbanningLine(processed: number, total: number): string {
  return `Unbanning: ${processed} of ${total} done…`;
}

/** "Locking channels: 10 of 30…" during a server lockdown (or "Unlocking"). */
export function channelsLine(verb: "Locking" | "Unlocking", done: number, total: number): string {
  return `${verb} channels: ${done} of ${total}…`;
}

/**
 * Whether to edit the progress message after item `done` of `total`: every `every` items and
 * at the end, so a long run shows movement without spending Discord's edit rate limit.
 */
export function shouldReport(done: number, total: number, every: number): boolean {
  return done === total || done % every === 0;
}

/** "1 user" / "2 users". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
