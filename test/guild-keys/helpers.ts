import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../src/db/schema.ts";
import { MasterKeyring, parseMasterKeys } from "../../src/domain/guild-keys/index.ts";
import { sealGuildSecret } from "../../src/guild-keys/index.ts";
import type { Database } from "../../src/ports/index.ts";
import { createTestDatabase, type TestDatabase } from "../support/services.ts";
import { snowflake } from "../support/snowflake.ts";

/** A master key entry `v<n>:<base64>`. */
export function masterKey(version: string): string {
  return `${version}:${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
}

/** Imports a GUILD_KEYS_MASTER_KEYS value. */
export async function keyring(raw: string): Promise<MasterKeyring> {
  const parsed = parseMasterKeys(raw);
  if (!parsed.ok) throw new Error(parsed.problem);
  return MasterKeyring.import(parsed.keys);
}

/**
 * A database of its own (the scripts look at every guild in it, so it must not be shared
 * with tests that write guild keys concurrently), with drizzle and a raw pool.
 */
export async function keyDatabase(): Promise<{
  database: TestDatabase;
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  pool.on("error", () => undefined);
  const db = drizzle({ client: pool, schema }) as unknown as Database;
  return {
    database,
    db,
    pool,
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}

/** Seeds `count` guilds, each with one or two secrets, under `ring`. Returns their plaintexts. */
export async function seedGuilds(
  db: Database,
  ring: MasterKeyring,
  count: number,
): Promise<Map<string, Record<string, string>>> {
  const seeded = new Map<string, Record<string, string>>();
  for (let i = 0; i < count; i++) {
    const guildId = snowflake();
    const secrets: Record<string, string> = {
      "ai.api_key": `sk-plain-${crypto.randomUUID()}`,
      ...(i % 2 === 0 ? { "other.token": `tok-${crypto.randomUUID()}` } : {}),
    };
    for (const [field, plaintext] of Object.entries(secrets)) {
      await sealGuildSecret(db, ring, { guildId, field, plaintext }, new Date());
    }
    seeded.set(guildId, secrets);
  }
  return seeded;
}
