import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MasterKeyring } from "../../src/domain/guild-keys/index.ts";
import { GuildKeyError } from "../../src/domain/guild-keys/index.ts";
import { openGuildSecret, sealGuildSecret, verifyGuildKeys } from "../../src/guild-keys/index.ts";
import type { Database } from "../../src/ports/index.ts";
import { snowflake } from "../support/snowflake.ts";
import { keyDatabase, keyring, masterKey, seedGuilds } from "./helpers.ts";

let env: Awaited<ReturnType<typeof keyDatabase>>;
let db: Database;
let v1: string;
let ring: MasterKeyring;
beforeAll(async () => {
  env = await keyDatabase();
  db = env.db;
  v1 = masterKey("v1");
  ring = await keyring(v1);
});
afterAll(() => env?.close());

const rowOf = async (guildId: string, field: string) =>
  (
    await env.pool.query(
      "select ciphertext from guild_secrets where guild_id = $1 and field = $2",
      [guildId, field],
    )
  ).rows[0]?.ciphertext as string;

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GuildKeyError);
  return error as GuildKeyError;
};

describe("envelope encryption on Postgres", () => {
  it("seals a secret so only its guild opens it, and stores no plaintext", async () => {
    const [guildId, secrets] = [...(await seedGuilds(db, ring, 1))][0] as [
      string,
      Record<string, string>,
    ];
    const plain = secrets["ai.api_key"] as string;
    expect(await openGuildSecret(db, ring, guildId, "ai.api_key")).toBe(plain);
    const stored = await rowOf(guildId, "ai.api_key");
    expect(stored).toMatch(/^g1:[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain(plain);
    const { rows } = await env.pool.query(
      "select master_version, wrapped_key from guild_data_keys where guild_id = $1",
      [guildId],
    );
    expect(rows[0]?.master_version).toBe("v1");
    expect(rows[0]?.wrapped_key).toMatch(/^v1:/);
  });

  it("a tampered ciphertext fails to decrypt, and verify names the guild and field", async () => {
    const [guildId] = [...(await seedGuilds(db, ring, 1)).keys()] as [string];
    const stored = await rowOf(guildId, "ai.api_key");
    const body = stored.slice(3);
    const flipped = `${body.slice(0, 20)}${body[20] === "A" ? "B" : "A"}${body.slice(21)}`;
    await env.pool.query(
      "update guild_secrets set ciphertext = $3 where guild_id = $1 and field = $2",
      [guildId, "ai.api_key", `g1:${flipped}`],
    );
    expect((await failure(openGuildSecret(db, ring, guildId, "ai.api_key"))).kind).toBe("failed");
    const report = await verifyGuildKeys(db, ring);
    expect(report.failures).toContainEqual({
      guildId,
      field: "ai.api_key",
      reason: expect.stringMatching(/failed to decrypt/),
    });
    await env.pool.query("delete from guild_secrets where guild_id = $1", [guildId]);
  });

  it("a ciphertext copied to another guild or field fails (AAD binds guild and field)", async () => {
    const [a, b] = [...(await seedGuilds(db, ring, 2)).keys()] as [string, string];
    const fromA = await rowOf(a, "ai.api_key");
    // Same data key generation, different guild: the AAD differs.
    await env.pool.query(
      "update guild_secrets set ciphertext = $2 where guild_id = $1 and field = 'ai.api_key'",
      [b, fromA],
    );
    await failure(openGuildSecret(db, ring, b, "ai.api_key"));
    // Another field of the same guild, sealed with the same data key: still refused.
    await env.pool.query(
      "insert into guild_secrets (guild_id, field, ciphertext, data_key_generation) values ($1, 'other.token', $2, 1) on conflict (guild_id, field) do update set ciphertext = excluded.ciphertext",
      [a, fromA],
    );
    await failure(openGuildSecret(db, ring, a, "other.token"));
    // A data key moved to another guild does not unwrap either.
    const { rows } = await env.pool.query(
      "select wrapped_key from guild_data_keys where guild_id = $1",
      [a],
    );
    await env.pool.query("update guild_data_keys set wrapped_key = $2 where guild_id = $1", [
      b,
      rows[0]?.wrapped_key,
    ]);
    expect((await failure(openGuildSecret(db, ring, b, "ai.api_key"))).message).toMatch(
      /failed to unwrap/,
    );
    await env.pool.query("delete from guild_secrets where guild_id = any($1)", [[a, b]]);
    await env.pool.query("delete from guild_data_keys where guild_id = any($1)", [[a, b]]);
  });

  it("a data key wrapped by a master version that is not configured fails clearly", async () => {
    const [guildId] = [...(await seedGuilds(db, ring, 1)).keys()] as [string];
    const onlyV2 = await keyring(masterKey("v2"));
    const error = await failure(openGuildSecret(db, onlyV2, guildId, "ai.api_key"));
    expect(error.kind).toBe("unknown_version");
    expect(error.message).toMatch(/master key v1, which is not in GUILD_KEYS_MASTER_KEYS/);
    // The same bytes under a forged version name do not help.
    await env.pool.query(
      "update guild_data_keys set wrapped_key = 'v2:' || substr(wrapped_key, 4) where guild_id = $1",
      [guildId],
    );
    expect((await failure(openGuildSecret(db, onlyV2, guildId, "ai.api_key"))).kind).toBe("failed");
    await env.pool.query("delete from guild_secrets where guild_id = $1", [guildId]);
    await env.pool.query("delete from guild_data_keys where guild_id = $1", [guildId]);
  });

  it("writing a secret for a new guild creates its data key under the current master key", async () => {
    const both = await keyring(`${masterKey("v3")},${v1}`);
    const guildId = snowflake();
    await sealGuildSecret(
      db,
      both,
      { guildId, field: "ai.api_key", plaintext: "sk-x-123456" },
      new Date(),
    );
    const { rows } = await env.pool.query(
      "select master_version from guild_data_keys where guild_id = $1",
      [guildId],
    );
    expect(rows[0]?.master_version).toBe("v3");
    expect(await openGuildSecret(db, both, guildId, "ai.api_key")).toBe("sk-x-123456");
    await env.pool.query("delete from guild_secrets where guild_id = $1", [guildId]);
    await env.pool.query("delete from guild_data_keys where guild_id = $1", [guildId]);
  });

  it("the database dump holds no plaintext secret", async () => {
    const seeded = await seedGuilds(db, ring, 3);
    const dump = spawnSync("pg_dump", ["--data-only", env.database.url], { encoding: "utf8" });
    expect(dump.status).toBe(0);
    expect(dump.stdout).toContain("guild_secrets");
    for (const secrets of seeded.values()) {
      for (const plain of Object.values(secrets)) {
        expect(dump.stdout).not.toContain(plain);
        expect(dump.stdout).not.toContain(Buffer.from(plain).toString("base64"));
      }
    }
  });
});
