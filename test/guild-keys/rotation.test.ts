import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGuildSecret } from "../../src/guild-keys/index.ts";
import { runScript, temporaryDirectory } from "../scripts/run-script.ts";
import { keyDatabase, keyring, masterKey, seedGuilds } from "./helpers.ts";

let env: Awaited<ReturnType<typeof keyDatabase>>;
let dir: ReturnType<typeof temporaryDirectory>;
const v1 = masterKey("v1");
const v2 = masterKey("v2");
const v3 = masterKey("v3");
let seeded: Map<string, Record<string, string>>;
beforeAll(async () => {
  env = await keyDatabase();
  dir = temporaryDirectory();
  seeded = await seedGuilds(env.db, await keyring(v1), 8);
});
afterAll(async () => {
  dir?.remove();
  await env?.close();
});

const run = (
  script: "rotate-guild-keys" | "verify-guild-keys",
  args: string[],
  keys: string,
  killWhen?: (stdout: string) => boolean,
) =>
  runScript(script, args, {
    cwd: dir.path,
    env: { DATABASE_URL: env.database.url, GUILD_KEYS_MASTER_KEYS: keys },
    killWhen,
  });

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

const versions = async () =>
  (
    await env.pool.query(
      "select master_version, count(*)::int as n from guild_data_keys group by 1 order by 1",
    )
  ).rows;

describe("rotate-guild-keys and verify-guild-keys", { timeout: 60_000 }, () => {
  it("verify passes on healthy keys and says v1 is still in use", async () => {
    const result = await run("verify-guild-keys", [], `${v2},${v1}`);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/checked 8 guild data keys and 12 secrets: 0 failure/);
    expect(result.stdout).toMatch(/v1 still wraps 8 data keys: run rotate-guild-keys --all/);
  });

  it("refuses a bad command line or configuration with exit 2, naming the problem", async () => {
    const noScope = await run("rotate-guild-keys", ["--reason", "x"], `${v2},${v1}`);
    expect(noScope.status).toBe(2);
    expect(noScope.stderr).toMatch(/exactly one of --all and --guild-id/);
    const noReason = await run("rotate-guild-keys", ["--all"], `${v2},${v1}`);
    expect(noReason.status).toBe(2);
    expect(noReason.stderr).toMatch(/--reason is required/);
    const badKey = await run("verify-guild-keys", [], "v2:c2hvcnQ=");
    expect(badKey.status).toBe(2);
    expect(badKey.stderr).toMatch(/GUILD_KEYS_MASTER_KEYS key v2 must be 32 bytes/);
    expect(await versions()).toEqual([{ master_version: "v1", n: 8 }]);
  });

  it("an interrupted --all run continues where it stopped, then verify passes", async () => {
    const keys = `${v2},${v1}`;
    const args = ["--all", "--reason", "security incident 20260101T000000Z"];
    // Killed (SIGKILL, no cleanup) once three guilds are reported done.
    const first = await run(
      "rotate-guild-keys",
      args,
      keys,
      (out) => count(out, /: rotated$/gm) >= 3,
    );
    expect(first.status).not.toBe(0);
    const doneBefore = count(first.stdout, /: rotated$/gm);
    expect(doneBefore).toBeGreaterThanOrEqual(3);
    expect(doneBefore).toBeLessThan(8);

    const second = await run("rotate-guild-keys", args, keys);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/: resuming, \d+ guilds already done/);
    const resumedFrom = Number(/resuming, (\d+) guilds/.exec(second.stdout)?.[1]);
    expect(resumedFrom).toBeGreaterThanOrEqual(doneBefore);
    // Each guild was rotated exactly once across the two runs.
    expect(resumedFrom + count(second.stdout, /: rotated$/gm)).toBe(8);
    expect(second.stdout).toMatch(/finished: 8 rotated, 0 already current, 0 failed/);
    expect(await versions()).toEqual([{ master_version: "v2", n: 8 }]);

    const audit = await env.pool.query(
      "select reason, details from operator_audit where action = 'guild_keys.rotate'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.reason).toBe("security incident 20260101T000000Z");
    expect(audit.rows[0]?.details).toMatchObject({
      target_master_version: "v2",
      outcomes: { rotated: 8 },
    });

    const verify = await run("verify-guild-keys", [], keys);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/0 failure/);
    expect(verify.stdout).toMatch(/v1 is no longer used: it can be dropped/);
    // And with v1 dropped, every secret still opens.
    const onlyV2 = await keyring(v2);
    for (const [guildId, secrets] of seeded) {
      expect(await openGuildSecret(env.db, onlyV2, guildId, "ai.api_key")).toBe(
        secrets["ai.api_key"],
      );
    }
    expect((await run("verify-guild-keys", [], v2)).status).toBe(0);
  });

  it("is idempotent: a rerun finds every guild already current", async () => {
    const result = await run("rotate-guild-keys", ["--all", "--reason", "again"], `${v2},${v1}`);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/finished: 0 rotated, 8 already current, 0 failed/);
  });

  it("--max-guilds pauses a batch that the same command continues", async () => {
    const keys = `${v3},${v2}`;
    const args = ["--all", "--reason", "batch", "--max-guilds", "5"];
    const first = await run("rotate-guild-keys", args, keys);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/paused after 5 guilds/);
    const second = await run("rotate-guild-keys", args, keys);
    expect(second.stdout).toMatch(/resuming, 5 guilds already done/);
    expect(second.stdout).toMatch(/finished: 8 rotated/);
    expect((await run("verify-guild-keys", [], keys)).stdout).toMatch(/v2 is no longer used/);
  });

  it("--new-data-keys re-encrypts every secret under a fresh data key", async () => {
    const secretsBefore = await env.pool.query("select ciphertext from guild_secrets order by 1");
    const result = await run(
      "rotate-guild-keys",
      ["--all", "--reason", "rekey", "--new-data-keys"],
      v3,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/new data keys/);
    expect(result.stdout).toMatch(/finished: 8 rotated/);
    const generations = await env.pool.query(
      "select distinct k.generation, s.data_key_generation from guild_data_keys k join guild_secrets s using (guild_id)",
    );
    expect(generations.rows).toEqual([{ generation: 2, data_key_generation: 2 }]);
    const secretsAfter = await env.pool.query("select ciphertext from guild_secrets order by 1");
    const before = new Set(secretsBefore.rows.map((r) => r.ciphertext));
    expect(
      secretsAfter.rows.every((r) => !before.has(r.ciphertext) && r.ciphertext.startsWith("g2:")),
    ).toBe(true);
    const ring = await keyring(v3);
    for (const [guildId, secrets] of seeded) {
      for (const [field, plain] of Object.entries(secrets)) {
        expect(await openGuildSecret(env.db, ring, guildId, field)).toBe(plain);
      }
    }
    expect((await run("verify-guild-keys", [], v3)).status).toBe(0);
  });

  it("a guild whose key cannot be opened is reported and the run exits 1", async () => {
    const guildId = [...seeded.keys()][1] as string;
    await env.pool.query(
      "update guild_data_keys set wrapped_key = 'v3:' || substr(wrapped_key, 4, 10) || 'AAAA' || substr(wrapped_key, 18) where guild_id = $1",
      [guildId],
    );
    const rotate = await run(
      "rotate-guild-keys",
      ["--guild-id", guildId, "--reason", "x"],
      `${masterKey("v5")},${v3}`,
    );
    expect(rotate.status).toBe(1);
    expect(rotate.stdout).toContain(`guild ${guildId}: failed (data key failed to unwrap`);
    const verify = await run("verify-guild-keys", [], v3);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(`FAILED guild ${guildId} data key: data key failed to unwrap`);
    expect(verify.stdout).toMatch(/1 failure\(s\) in 1 guild\(s\)/);
    for (const secrets of seeded.values()) {
      for (const plain of Object.values(secrets)) expect(verify.output).not.toContain(plain);
    }
    const dump = spawnSync("pg_dump", ["--data-only", env.database.url], { encoding: "utf8" });
    for (const secrets of seeded.values()) {
      for (const plain of Object.values(secrets)) expect(dump.stdout).not.toContain(plain);
    }
  });
});
