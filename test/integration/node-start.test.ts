import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "../support/fake-discord.ts";
import { slashCommand } from "../support/interactions.ts";
import { type NodeProcess, startNodeProcess } from "../support/node-process.ts";
import { createSigner, type Signer, signedPost } from "../support/signer.ts";
import { snowflake } from "../support/snowflake.ts";

// `npm start` as a new user and an operator run it: the real entry in a child process, with
// real-looking credentials and a fresh directory (a fresh clone has no .data/).
let signer: Signer;
let discord: FakeDiscord;
let workdir: string;
let running: NodeProcess | undefined;
const applicationId = snowflake();
const botToken = `test-bot-token.${snowflake()}.${crypto.randomUUID()}`;

beforeAll(async () => {
  [signer, discord] = await Promise.all([
    createSigner(),
    startFakeDiscord({ botToken, applicationId }),
  ]);
});
afterAll(() => discord?.close());
afterEach(async () => {
  expect(await running?.stop()).toBe(0);
  running = undefined;
  if (workdir) rmSync(workdir, { recursive: true, force: true });
});

function credentials(): Record<string, string> {
  workdir = mkdtempSync(join(tmpdir(), "chopsticks-start-"));
  return {
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_TOKEN: botToken,
    DISCORD_API_BASE: discord.apiBase,
    CHOPSTICKS_DATA_DIR: join(workdir, ".data"),
    LOG_LEVEL: "debug",
  };
}

/** A port nothing listens on: bound once by the OS, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe("npm start", { timeout: 120_000 }, () => {
  it("serves with real-looking credentials and no DATABASE_URL, creating its data directory", async () => {
    const env = credentials();
    expect(existsSync(env.CHOPSTICKS_DATA_DIR as string)).toBe(false);
    running = await startNodeProcess({ env, cwd: workdir });
    const health = await fetch(`${running.url}/health`);
    expect(await health.json()).toMatchObject({ status: "ok", db: "ok", redis: "disabled" });
    expect(existsSync(join(env.CHOPSTICKS_DATA_DIR as string, "pglite"))).toBe(true);
  });

  it("serves with Postgres down: a degraded /health in budget and a Database error in time", async () => {
    const env = {
      ...credentials(),
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await deadPort()}/chopsticks`,
    };
    running = await startNodeProcess({ env, cwd: workdir });

    const health = await timed(() => fetch(`${running?.url}/health`));
    expect(health.value.status).toBe(200);
    expect(await health.value.json()).toMatchObject({ status: "degraded", db: "error" });
    expect(health.ms).toBeLessThan(1500);

    const guildId = snowflake();
    const interaction = {
      ...slashCommand("case", {
        guildId,
        subcommand: "view",
        options: { number: 1 },
        memberPermissions: P.ManageGuild | P.BanMembers,
      }),
      application_id: applicationId,
    };
    const answer = await timed(() =>
      signedPost(`${running?.url}/interactions`, interaction, { signer }),
    );
    expect(answer.value.status).toBe(200);
    const body = (await answer.value.json()) as {
      data?: { flags?: number; embeds?: { title?: string; description?: string }[] };
    };
    expect(body.data?.embeds?.[0]?.title).toBe("Database error");
    expect(body.data?.flags).toBe(64);
    expect(answer.ms).toBeLessThan(3000);
    await running.lines.waitFor((line) => line.includes('"db.unavailable_at_start"'), {
      description: "the warning that Postgres is away",
    });
  });
});
