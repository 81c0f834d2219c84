import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits as P } from "discord-api-types/v10";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { createNodeApp, type NodeApp } from "../../src/runtime/node-app.ts";
import { EventLog } from "../support/event-log.ts";
import { slashCommand } from "../support/interactions.ts";
import { createTestDatabase, defaultDatabaseUrl, type TestDatabase } from "../support/services.ts";
import { createSigner, type Signer } from "../support/signer.ts";
import { snowflake } from "../support/snowflake.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";

// Postgres is down when the process starts, and comes back later: the process serves all along,
// migrates a fresh database once Postgres answers, and says so once.
const RETRY = { firstMs: 20, maxMs: 160 };
const applicationId = snowflake();
let database: TestDatabase;
let proxy: TcpProxy;
let signer: Signer;
let node: NodeApp;
const lines = new EventLog<string>((line) => line);
const events = (name: string) => lines.entries.filter((l) => l.includes(`"event":"${name}"`));

beforeAll(async () => {
  const emptyFolder = mkdtempSync(join(tmpdir(), "chopsticks-no-migrations-"));
  const server = new URL(defaultDatabaseUrl());
  [database, proxy, signer] = await Promise.all([
    // No migrations applied: the app must apply them itself once it can.
    createTestDatabase({ migrationsFolder: emptyFolder }),
    startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) }),
    createSigner(),
  ]);
  await proxy.stop();
  const url = new URL(database.url);
  url.host = `127.0.0.1:${proxy.port}`;
  node = await createNodeApp({
    config: parseConfig({
      DATABASE_URL: url.href,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_APPLICATION_ID: applicationId,
    }),
    dataDir: mkdtempSync(join(tmpdir(), "chopsticks-test-")),
    migrationRetry: RETRY,
    log: createLogger({ level: "debug", write: (line) => lines.push(line) }),
  });
});
afterAll(async () => {
  await node?.close();
  await proxy?.stop();
  await database?.drop();
});

async function caseView(): Promise<{ title?: string; ms: number }> {
  const body = JSON.stringify({
    ...slashCommand("case", {
      guildId: snowflake(),
      subcommand: "view",
      options: { number: 1 },
      memberPermissions: P.ManageGuild | P.BanMembers,
    }),
    application_id: applicationId,
  });
  const started = performance.now();
  const response = await node.app.request("/interactions", {
    method: "POST",
    headers: { "content-type": "application/json", ...(await signer.sign(body)) },
    body,
  });
  const json = (await response.json()) as { data?: { embeds?: { title?: string }[] } };
  return { title: json.data?.embeds?.[0]?.title, ms: performance.now() - started };
}

const health = async () => (await (await node.app.request("/health")).json()) as { db: string };

describe("Postgres down when the process starts", () => {
  it("serves: /health says db error and commands answer Database error within 3 s", async () => {
    expect(await health()).toMatchObject({ status: "degraded", db: "error" });
    const answer = await caseView();
    expect(answer.title).toBe("Database error");
    expect(answer.ms).toBeLessThan(3000);
    await lines.waitFor((l) => l.includes('"event":"db.unavailable_at_start"'));
    expect(events("db.unavailable_at_start")).toHaveLength(1);
  });

  it("retries the migrations with a capped backoff", async () => {
    const retries = () =>
      events("db.migrate_retry_failed").map(
        (l) => (JSON.parse(l) as { retry_in_ms: number }).retry_in_ms,
      );
    await lines.waitFor(() => retries().filter((ms) => ms === RETRY.maxMs).length >= 2, {
      timeoutMs: 5000,
      description: "two retries at the capped delay",
    });
    const delays = retries();
    expect(delays.slice(0, 3)).toEqual([40, 80, RETRY.maxMs]);
    expect(Math.max(...delays)).toBe(RETRY.maxMs);
  });

  it("migrates once Postgres is back, logs the recovery once, and serves from it", async () => {
    await proxy.start();
    await lines.waitFor((l) => l.includes('"event":"db.recovered"'), {
      timeoutMs: 10_000,
      description: "the recovery line",
    });
    expect(await health()).toMatchObject({ db: "ok" });
    expect((await caseView()).title).toBe("Unknown case");
    const client = new pg.Client({ connectionString: database.url });
    client.on("error", () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query(
        "select to_regclass('moderation_cases')::text as ours, to_regclass('graphile_worker.jobs')::text as queue",
      );
      expect(rows[0]).toEqual({ ours: "moderation_cases", queue: "graphile_worker.jobs" });
    } finally {
      await client.end();
    }
    expect(events("db.recovered")).toHaveLength(1);
    expect(events("db.migrated")).toHaveLength(0);
  });
});
