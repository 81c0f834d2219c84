import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPlayer } from "../../src/data/music/index.ts";
import { guildShard } from "../../src/domain/music/shards.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { parseVoiceNodeConfig } from "../../voice-node/src/config.ts";
import { startVoiceNode, type VoiceNode } from "../../voice-node/src/voice-node.ts";
import { slashCommand } from "../support/interactions.ts";
import {
  addMusicGuild,
  type MusicGuild,
  type MusicWorld,
  startMusicWorld,
  voiceNodeEnv,
} from "../support/music-world.ts";

const SHARDS = 2;
let world: MusicWorld;
/** One guild on each shard: `guilds[n]` lives on shard n. */
let guilds: [MusicGuild, MusicGuild];
const nodes = new Map<string, VoiceNode>();
const logs = new Map<string, string[]>();

async function startShardNode(id: string, shards: string): Promise<VoiceNode> {
  const lines: string[] = [];
  logs.set(id, lines);
  const node = await startVoiceNode({
    config: parseVoiceNodeConfig({
      ...voiceNodeEnv(world),
      VOICE_NODE_ID: id,
      VOICE_NODE_SHARDS: shards,
    }),
    port: 0,
    timings: { positionFlushMs: 20 },
    log: createLogger({ level: "debug", write: (line) => lines.push(line) }),
  });
  nodes.set(id, node);
  return node;
}

beforeAll(async () => {
  world = await startMusicWorld({ botEnv: { VOICE_SHARD_COUNT: String(SHARDS) } });
  const first = world.guild;
  const other = addMusicGuild(world.bot, {
    shard: [1 - guildShard(first.guildId, SHARDS), SHARDS],
  });
  guilds = (guildShard(first.guildId, SHARDS) === 0 ? [first, other] : [other, first]) as [
    MusicGuild,
    MusicGuild,
  ];
  await startShardNode("voice-a", `0/${SHARDS}`);
  await startShardNode("voice-b", `1/${SHARDS}`);
}, 60_000);

afterAll(async () => {
  for (const node of nodes.values()) await node.shutdown();
  await world?.close();
});

function play(guild: MusicGuild, query: string) {
  return world.bot.interact(
    slashCommand("music", {
      subcommand: "play",
      options: { query },
      guildId: guild.guildId,
      channelId: guild.textChannelId,
      user: { id: guild.listenerId },
    }),
  );
}

const text = (value: unknown) => JSON.stringify(value);

describe("two voice-nodes splitting two shards", () => {
  it("each holds only its shard's gateway session and guilds", () => {
    const identifies = world.gateway.received(2).map((r) => (r.d as { shard?: number[] }).shard);
    expect(identifies).toEqual(
      expect.arrayContaining([
        [0, SHARDS],
        [1, SHARDS],
      ]),
    );
    // GUILD_CREATE reaches only the session of the guild's shard.
    for (const [shard, guild] of guilds.entries()) {
      const creates = world.gateway.log.entries.filter(
        (r) => r.t === "GUILD_CREATE" && (r.d as { id?: string }).id === guild.guildId,
      );
      expect(creates.map((r) => r.shard)).toEqual([[shard, SHARDS]]);
    }
  });

  it("each guild's music jobs land on the node holding its shard, and its voice join on that shard", async () => {
    const answers = await Promise.all([
      play(guilds[0], "shard zero song"),
      play(guilds[1], "shard one song"),
    ]);
    for (const answer of answers) expect(answer.body.type).toBe(5);
    expect(text(await world.edited(answers[0].token))).toContain("shard zero song");
    expect(text(await world.edited(answers[1].token))).toContain("shard one song");

    const db = world.db.handle.db;
    expect((await findPlayer(db, guilds[0].guildId))?.nodeId).toBe("voice-a");
    expect((await findPlayer(db, guilds[1].guildId))?.nodeId).toBe("voice-b");
    for (const [shard, guild] of guilds.entries()) {
      const op4 = await world.gateway.waitForOp4(guild.guildId, guild.voiceChannelId);
      expect(op4.shard).toEqual([shard, SHARDS]);
    }

    // The jobs carried the shard in their task name: each node picked up exactly one.
    const pickups = async (id: string) => {
      const node = nodes.get(id) as VoiceNode;
      return (await node.metrics.text())
        .split("\n")
        .filter((l) => l.startsWith("chopsticks_voice_job_pickup_seconds_count"));
    };
    expect(await pickups("voice-a")).toEqual([
      'chopsticks_voice_job_pickup_seconds_count{task="music"} 1',
    ]);
    expect(await pickups("voice-b")).toEqual([
      'chopsticks_voice_job_pickup_seconds_count{task="music"} 1',
    ]);
  }, 40_000);

  it("with one shard's node stopped, only that shard's guilds hear that the audio service is down", async () => {
    await nodes.get("voice-b")?.shutdown();
    nodes.delete("voice-b");
    const down = await play(guilds[1], "nobody plays this");
    expect(down.body.type).toBe(4);
    expect(text(down.body)).toContain("audio service is unavailable");
    const stillUp = await play(guilds[0], "shard zero again");
    expect(text(await world.edited(stillUp.token))).toContain("shard zero again");
  }, 40_000);
});
