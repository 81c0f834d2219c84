import {
  deleteSecret,
  insertDataKey,
  lockDataKey,
  readSealedSecret,
  upsertSecret,
} from "../data/guild-keys/keys.ts";
import type { Executor } from "../data/moderation/executor.ts";
import {
  GuildKeyError,
  generateDataKey,
  type MasterKeyring,
  openSecret,
  sealSecret,
  unwrapDataKey,
  wrapDataKey,
} from "../domain/guild-keys/index.ts";
import type { Database } from "../ports/index.ts";

/**
 * Seals `plaintext` as the guild's secret `field` and runs `alongside` in the same
 * transaction (the settings row that goes with it). The guild's data key row is locked, so a
 * rotation cannot swap the key between the read and the write; the first secret of a guild
 * creates its data key, wrapped by the current master key.
 */
export async function sealGuildSecret(
  db: Database,
  ring: MasterKeyring,
  secret: { guildId: string; field: string; plaintext: string },
  now: Date,
  alongside: (tx: Executor) => Promise<void> = async () => {},
): Promise<void> {
  const { guildId, field, plaintext } = secret;
  await db.transaction(async (tx) => {
    const row = await lockDataKey(tx, guildId);
    let dataKey: CryptoKey;
    let generation: number;
    if (row) {
      generation = row.generation;
      dataKey = await unwrapDataKey(ring, row.wrappedKey, guildId, generation);
    } else {
      generation = 1;
      dataKey = await generateDataKey();
      const wrappedKey = await wrapDataKey(ring.current, dataKey, guildId, generation);
      const masterVersion = ring.current.version;
      await insertDataKey(tx, { guildId, generation, masterVersion, wrappedKey });
    }
    const ciphertext = await sealSecret(dataKey, plaintext, guildId, field, generation);
    await upsertSecret(tx, { guildId, field, ciphertext, dataKeyGeneration: generation }, now);
    await alongside(tx);
  });
}

/**
 * Opens the guild's secret `field`, or null when there is none. Throws
 * {@link GuildKeyError} when it cannot be decrypted (never with key material in it).
 */
export async function openGuildSecret(
  db: Database,
  ring: MasterKeyring,
  guildId: string,
  field: string,
): Promise<string | null> {
  const found = await readSealedSecret(db, guildId, field);
  if (!found) return null;
  if (!found.key) throw new GuildKeyError("failed", "the guild has a secret but no data key");
  const dataKey = await unwrapDataKey(ring, found.key.wrappedKey, guildId, found.key.generation);
  return openSecret(dataKey, found.secret.ciphertext, guildId, field, found.key.generation);
}

/** Deletes the guild's secret `field` inside the caller's transaction. */
export function removeGuildSecret(tx: Executor, guildId: string, field: string): Promise<boolean> {
  return deleteSecret(tx, guildId, field);
}
