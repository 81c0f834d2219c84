import {
  dataKeysPage,
  masterVersionsInUse,
  orphanSecrets,
  secretsOf,
} from "../data/guild-keys/keys.ts";
import {
  GuildKeyError,
  type MasterKeyring,
  openSecret,
  unwrapDataKey,
} from "../domain/guild-keys/index.ts";
import type { Database } from "../ports/index.ts";

/** One thing that did not decrypt; never carries key material or plaintext. */
export interface VerifyFailure {
  guildId: string;
  /** The secret's field, or null when the guild's data key itself failed. */
  field: string | null;
  reason: string;
}

/** What `verify-guild-keys` found. */
export interface VerifyReport {
  guilds: number;
  secrets: number;
  failures: VerifyFailure[];
  /** Data keys wrapped by each master version. */
  versionsInUse: Record<string, number>;
  /** Configured versions other than the current one that nothing uses any more. */
  droppable: string[];
}

const PAGE = 200;

const reasonOf = (error: unknown) =>
  error instanceof GuildKeyError ? error.message : "unexpected error";

/**
 * Unwraps every guild's data key and decrypts every secret, reporting failures by guild.
 * An old master version may be dropped once no data key uses it and nothing failed.
 */
export async function verifyGuildKeys(db: Database, ring: MasterKeyring): Promise<VerifyReport> {
  const failures: VerifyFailure[] = [];
  let guilds = 0;
  let secrets = 0;
  let after = "";
  for (;;) {
    const page = await dataKeysPage(db, after, PAGE);
    if (page.length === 0) break;
    for (const row of page) {
      after = row.guildId;
      guilds++;
      let dataKey: CryptoKey;
      try {
        dataKey = await unwrapDataKey(ring, row.wrappedKey, row.guildId, row.generation);
      } catch (error) {
        failures.push({ guildId: row.guildId, field: null, reason: reasonOf(error) });
        continue;
      }
      for (const secret of await secretsOf(db, row.guildId)) {
        secrets++;
        try {
          await openSecret(dataKey, secret.ciphertext, row.guildId, secret.field, row.generation);
        } catch (error) {
          failures.push({ guildId: row.guildId, field: secret.field, reason: reasonOf(error) });
        }
      }
    }
  }
  for (const orphan of await orphanSecrets(db)) {
    secrets++;
    failures.push({ ...orphan, reason: "the guild has a secret but no data key" });
  }
  const versionsInUse = await masterVersionsInUse(db);
  const droppable =
    failures.length === 0 ? ring.versions.slice(1).filter((v) => !versionsInUse[v]) : [];
  return { guilds, secrets, failures, versionsInUse, droppable };
}
