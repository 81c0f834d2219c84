import { readFileSync } from "node:fs";
import type { DatabaseHandle } from "../src/adapters/db/drizzle.ts";
import { createNodePostgresDatabase } from "../src/adapters/db/node-postgres.ts";
import { migrateJobQueue } from "../src/adapters/jobs/graphile-runner.ts";
import {
  acceleratedClock,
  type LavalinkSim,
  startLavalinkSim,
} from "../src/dev/lavalink-sim/index.ts";
import { createLogger } from "../src/platform/logger.ts";
import { type FakeDiscord, startFakeDiscord } from "../test/support/fake-discord.ts";
import { startFakeGateway } from "../test/support/fake-gateway.ts";
import { createTestDatabase } from "../test/support/services.ts";
import { snowflake } from "../test/support/snowflake.ts";
import { spawnVoiceNode, type VoiceNodeProcess } from "../test/support/voice-node-process.ts";

/** One guild of a bench: a member in a voice channel, a text channel where music starts. */
export interface BenchGuild {
  guildId: string;
  userId: string;
  voiceId: string;
  textId: string;
}

/** A voice-node in its own process against the fakes, with what the bench needs to drive it. */
export interface VoiceNodeStage {
  readonly guilds: readonly BenchGuild[];
  readonly applicationId: string;
  readonly discord: FakeDiscord;
  readonly lavalink: LavalinkSim;
  readonly database: DatabaseHandle;
  readonly node: VoiceNodeProcess;
  /** The voice-node's process id, once it listens. */
  readonly pid: number;
  close(): Promise<void>;
}

const CLOCK_TICKS = 100;
/** CPU time (user + system) and resident memory of a process, from /proc. */
export function procStat(pid: number): { cpuSeconds: number; rssMiB: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // Fields after "(comm) ": utime is the 12th, stime the 13th (0-based 11, 12).
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds, rssMiB: rssKiB / 1024 };
}

/**
 * `npm run voice-node` (or, `bundled`, the image's esbuild bundle) in its own process against
 * the fake Discord REST and gateway and the simulated Lavalink playing in real time, in a
 * fresh database holding `count` guilds, each with a member in voice.
 */
export async function startVoiceNodeStage(
  baseUrl: string,
  count: number,
  bundled: boolean,
  env: Record<string, string> = {},
): Promise<VoiceNodeStage> {
  const testDatabase = await createTestDatabase({ baseUrl });
  await migrateJobQueue(testDatabase.url);
  const log = createLogger({ level: "error" });
  const database = createNodePostgresDatabase(testDatabase.url, log);
  const applicationId = snowflake();
  const discord = await startFakeDiscord({
    botToken: `bench-voice.${snowflake()}.${crypto.randomUUID()}`,
    applicationId,
  });
  const guilds = Array.from({ length: count }, () => ({
    guildId: snowflake(),
    userId: snowflake(),
    voiceId: snowflake(),
    textId: snowflake(),
  }));
  for (const g of guilds) {
    discord.addGuild({
      id: g.guildId,
      ownerId: g.userId,
      channels: [
        { id: g.textId, type: 0, name: "music" },
        { id: g.voiceId, type: 2, name: "Lounge" },
      ],
      members: { [g.userId]: [], [discord.botUserId]: [] },
      voice: { [g.userId]: g.voiceId },
    });
  }
  const gateway = await startFakeGateway(discord);
  const lavalink = await startLavalinkSim({
    password: `bench-${crypto.randomUUID()}`,
    clock: acceleratedClock(1),
    tickMs: 250,
  });
  const node = spawnVoiceNode(
    {
      DATABASE_URL: testDatabase.url,
      DISCORD_TOKEN: discord.botToken,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_API_BASE: discord.apiBase,
      LAVALINK_NODES: lavalink.nodeUrl("main"),
      VOICE_NODE_PORT: "0",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      ...env,
    },
    { bundled },
  );
  const close = async () => {
    await node.stop("SIGTERM");
    await lavalink.close();
    await gateway.close();
    await discord.close();
    await database.close();
    await testDatabase.drop();
  };
  try {
    await node.port;
  } catch (error) {
    await close();
    throw error;
  }
  return {
    guilds,
    applicationId,
    discord,
    lavalink,
    database,
    node,
    pid: node.child.pid ?? 0,
    close,
  };
}
