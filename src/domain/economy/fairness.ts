/**
 * Provably fair draws (docs/fairness.md states the same rules for players):
 * - a server seed is 32 random bytes written as 64 lower-case hex characters;
 * - its commitment is SHA-256 of that text, published before the seed is used;
 * - a game's value is HMAC-SHA256(key = seed text, message = `<user_id>:<nonce>`), and a game
 *   needing several values uses `<user_id>:<nonce>:<round>` with round 0, 1, 2, …;
 * - a digest becomes a number below n as (the digest read as a 256-bit big-endian integer)
 *   mod n. The bias this leaves is below n / 2^256: none that could ever be measured.
 */

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh server seed: 32 random bytes as hex. */
export function newServerSeed(): string {
  return hex(crypto.getRandomValues(new Uint8Array(32)).buffer as ArrayBuffer);
}

/** SHA-256 of the seed text, as hex: the commitment shown before the seed is used. */
export async function seedHash(seed: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(seed)));
}

/** The HMAC message of a draw: `<user>:<nonce>`, or `<user>:<nonce>:<round>`. */
export function drawMessage(userId: string, nonce: number, round?: number): string {
  return round === undefined ? `${userId}:${nonce}` : `${userId}:${nonce}:${round}`;
}

/** Computes HMAC-SHA256 digests (hex) of messages under one seed. */
export async function digester(seed: string): Promise<(message: string) => Promise<string>> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(seed),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return async (message) => hex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/** A digest as a whole number in [0, n). */
export function below(digestHex: string, n: number): number {
  return Number(BigInt(`0x${digestHex}`) % BigInt(n));
}

/** The game's single value (`<user>:<nonce>`) as a number below n. */
export async function drawOne(
  seed: string,
  userId: string,
  nonce: number,
  n: number,
): Promise<number> {
  const digest = await digester(seed);
  return below(await digest(drawMessage(userId, nonce)), n);
}

/** Values for rounds 0…count−1 (`<user>:<nonce>:<round>`), each below n. */
export async function drawRounds(
  seed: string,
  userId: string,
  nonce: number,
  count: number,
  n: number,
): Promise<number[]> {
  const digest = await digester(seed);
  return Promise.all(
    Array.from({ length: count }, async (_, round) =>
      below(await digest(drawMessage(userId, nonce, round)), n),
    ),
  );
}
