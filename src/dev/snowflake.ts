const DISCORD_EPOCH = 1420070400000n;

// Worker+process bits (10): the pid's low bits keep ids from parallel vitest workers apart,
// since tests share one Postgres and one Redis. Runtime-agnostic: no `node:` imports.
const pid = (globalThis as { process?: { pid?: number } }).process?.pid;
const source = BigInt((pid ?? Math.floor(Math.random() * 1024)) & 0x3ff);
let increment = Math.floor(Math.random() * 4096);
let lastMs = 0;
let usedAtLastMs = 0;

/**
 * Returns a new, valid Discord snowflake (19 digits today) for now, or for `at` (ms since 1970):
 * timestamp since the Discord epoch, 10 bits of worker/process id, a 12-bit increment. Ids for
 * "now" are unique within the process (a 4097th id in one millisecond moves to the next one).
 */
export function snowflake(at?: number): string {
  let ms = at ?? Date.now();
  if (at === undefined) {
    if (ms > lastMs) usedAtLastMs = 0;
    else ms = lastMs;
    if (++usedAtLastMs > 4096) {
      ms += 1;
      usedAtLastMs = 1;
    }
    lastMs = ms;
  }
  increment = (increment + 1) & 0xfff;
  return (((BigInt(ms) - DISCORD_EPOCH) << 22n) | (source << 12n) | BigInt(increment)).toString();
}

/** The creation time (ms since 1970) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
