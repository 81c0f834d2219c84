import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, findPlayer, playedTracks } from "../../src/data/music/index.ts";
import { spokenText } from "../../src/domain/ai/index.ts";
import { type FakeAiProvider, startFakeAiProvider } from "../support/fake-ai-provider.ts";
import { slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { queuedJobs } from "../support/queued-jobs.ts";
import { bodyText, followUpBodies, originalOf } from "./helpers.ts";

let provider: FakeAiProvider;
let world: MusicWorld;
beforeAll(async () => {
  provider = await startFakeAiProvider({ defaultChunkDelayMs: 5 });
  world = await startMusicWorld({
    botEnv: { AI_BASE_URL: provider.baseUrl, AI_API_KEY: provider.key, AI_MODEL: "fake-model" },
  });
  await world.startNode();
}, 60_000);
afterAll(async () => {
  await world?.close();
  await provider?.close();
});

const EPHEMERAL = 64;

function aiVoice(prompt: string, userId = world.guild.listenerId) {
  return world.bot.interact(
    slashCommand("ai", {
      subcommand: "voice",
      options: { prompt },
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: userId },
    }),
  );
}

function music(subcommand: string, options: Record<string, string> = {}) {
  return world.bot.interact(
    slashCommand("music", {
      subcommand,
      options,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: world.guild.listenerId },
    }),
  );
}

/** Polls until `check` holds (bounded): the voice-node works on its own time. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const playingTitle = () => world.lavalink.player(world.guild.guildId)?.track?.info.title ?? null;
const playingIdentifier = () =>
  world.lavalink.player(world.guild.guildId)?.track?.info.identifier ?? "";
/** Lets the current track on the fake Lavalink run to its end. */
const finishCurrent = () =>
  world.lavalink.advance((world.lavalink.player(world.guild.guildId)?.track?.info.length ?? 0) + 1);

async function metrics(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${world.bot.adminSecret}` },
  });
  return response.text();
}

describe("/ai voice through signed interactions", () => {
  it("with nothing playing: shows the answer, joins the asker's channel and speaks it at once", async () => {
    provider.script({ answer: "The answer is **forty-two**." });
    const reply = await aiVoice("what is the answer?");
    expect(reply.body.type).toBe(5);
    expect((reply.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    await world.bot.settle();
    const original = originalOf(world.bot, reply.token) as { content?: string };
    expect(bodyText(original)).toContain("The answer is **forty-two**.");
    expect(original.content).toContain(`Speaking this answer in <#${world.guild.voiceChannelId}>`);

    await world.gateway.waitForOp4(world.guild.guildId, world.guild.voiceChannelId);
    await until(() => playingIdentifier().startsWith("ftts://"));
    expect(spokenText(playingIdentifier())).toBe("The answer is forty-two.");
    expect(world.lavalink.player(world.guild.guildId)?.track?.info.sourceName).toBe("flowerytts");
    // Speech is no song: nothing in the queue, nothing in the history.
    expect(await allEntries(world.db.handle.db, world.guild.guildId)).toEqual([]);

    finishCurrent();
    await until(() => playingTitle() === null);
    expect(
      await playedTracks(world.db.handle.db, world.guild.guildId, { offset: 0, limit: 20 }),
    ).toEqual([]);
  }, 60_000);

  it("with music playing: speaks right after the current track, then the queue goes on", async () => {
    const { guildId } = world.guild;
    await music("play", { query: "first song" });
    await until(() => playingTitle() === "first song");
    await music("play", { query: "second song" });
    await until(async () => (await allEntries(world.db.handle.db, guildId)).length === 2);

    provider.script({ answer: "Spoken between songs." });
    const reply = await aiVoice("say something");
    await world.bot.settle();
    expect(bodyText(originalOf(world.bot, reply.token))).toContain("Spoken between songs.");
    // The job is ordered with the guild's music jobs; the current track is not interrupted.
    await until(async () => (await queuedJobs(world.db.handle.db)) === 0);
    expect(playingTitle()).toBe("first song");

    finishCurrent();
    await until(() => spokenText(playingIdentifier()) === "Spoken between songs.");
    const player = await findPlayer(world.db.handle.db, guildId);
    const entries = await allEntries(world.db.handle.db, guildId);
    expect(entries.map((e) => e.title)).toEqual(["second song"]);
    expect(player?.currentEntryId).toBe(entries[0]?.id);

    finishCurrent();
    await until(() => playingTitle() === "second song");
    const history = await playedTracks(world.db.handle.db, guildId, { offset: 0, limit: 20 });
    expect(history.map((h) => h.title)).toEqual(["first song"]);
    expect(history.some((h) => h.title.startsWith("Speech"))).toBe(false);
  }, 60_000);

  it("loop track keeps looping the song around the answer", async () => {
    await music("loop", { mode: "track" });
    await until(
      async () => (await findPlayer(world.db.handle.db, world.guild.guildId))?.loopMode === "track",
    );
    provider.script({ answer: "Looped answer." });
    await aiVoice("again");
    await world.bot.settle();
    await until(async () => (await queuedJobs(world.db.handle.db)) === 0);
    finishCurrent();
    await until(() => spokenText(playingIdentifier()) === "Looped answer.");
    finishCurrent();
    await until(() => playingTitle() === "second song");
    await music("loop", { mode: "off" });
  }, 60_000);

  it("a paused track waits: the answer is spoken at once, then the track goes on paused where it was", async () => {
    const { guildId } = world.guild;
    const db = world.db.handle.db;
    expect(playingTitle()).toBe("second song");
    world.lavalink.advance(50_000);
    await until(async () => ((await findPlayer(db, guildId))?.positionMs ?? 0) >= 50_000);
    await music("pause");
    await until(async () => (await findPlayer(db, guildId))?.paused === true);
    provider.script({ answer: "While paused." });
    await aiVoice("now?");
    await world.bot.settle();
    await until(() => spokenText(playingIdentifier()) === "While paused.");
    expect(world.lavalink.player(guildId)?.paused).toBe(false);
    finishCurrent();
    await until(() => playingTitle() === "second song");
    expect(world.lavalink.player(guildId)?.paused).toBe(true);
    expect(
      world.lavalink.player(guildId)?.position(world.lavalink.clock.now()),
    ).toBeGreaterThanOrEqual(50_000);
    await music("resume");
    await until(() => world.lavalink.player(guildId)?.paused === false);
  }, 60_000);

  it("skip during a spoken answer skips only the answer; the queue goes on", async () => {
    const { guildId } = world.guild;
    const db = world.db.handle.db;
    await music("play", { query: "third song" });
    await until(async () => (await allEntries(db, guildId)).length === 2);
    provider.script({ answer: "Skip me." });
    await aiVoice("anything");
    await world.bot.settle();
    await until(async () => (await queuedJobs(world.db.handle.db)) === 0);
    await music("skip");
    await until(() => spokenText(playingIdentifier()) === "Skip me.");
    await music("skip");
    await until(() => playingTitle() === "third song");
    expect((await allEntries(db, guildId)).map((e) => e.title)).toEqual(["third song"]);
  }, 60_000);

  it("counts the outcomes on the edge's and the voice-node's /metrics", async () => {
    const count = (text: string, outcome: string) =>
      Number(
        new RegExp(`chopsticks_voice_llm_requests_total\\{outcome="${outcome}"\\} (\\d+)`).exec(
          text,
        )?.[1] ?? -1,
      );
    expect(count(await metrics(world.bot.url), "queued")).toBeGreaterThanOrEqual(5);
    const nodeUrl = `http://127.0.0.1:${world.node?.port}`;
    expect(count(await metrics(nodeUrl), "ok")).toBeGreaterThanOrEqual(5);
    expect(count(await metrics(nodeUrl), "tts_failed")).toBe(0);
  }, 30_000);

  it("speech Lavalink cannot load: a private follow-up under the answer, which stays; counted tts_failed", async () => {
    // Flowery TTS refuses empty text; the edge never sends it, so the job is queued directly.
    const job = world.job({ type: "speak", identifier: "ftts://%20" });
    await world.enqueue(job);
    const followUp = await world.refused(job.interaction.token);
    expect(JSON.stringify(followUp)).toContain("could not be turned into speech");
    expect(followUp.flags).toBe(EPHEMERAL);
    const deleted = world.bot.discord.calls.filter(
      (c) => c.method === "DELETE" && c.path.includes(job.interaction.token),
    );
    expect(deleted).toEqual([]);
    const text = await metrics(`http://127.0.0.1:${world.node?.port}`);
    expect(text).toMatch(/chopsticks_voice_llm_requests_total\{outcome="tts_failed"\} 1\b/);
  }, 30_000);

  it("refuses privately when the asker is in no voice channel, asking the model nothing", async () => {
    const before = provider.requests.length;
    const reply = await aiVoice("hello?", world.guild.outsiderId);
    expect(reply.body.type).toBe(4);
    expect((reply.body as { data?: { flags?: number } }).data?.flags).toBe(EPHEMERAL);
    expect(JSON.stringify(reply.body)).toContain("Join a voice channel first");
    expect(provider.requests.length).toBe(before);
  }, 30_000);

  it("refuses bad prompts as /ai ask does", async () => {
    for (const prompt of ["   ", "x".repeat(4001)]) {
      const reply = await aiVoice(prompt);
      expect(reply.body.type).toBe(4);
      expect((reply.body as { data?: { flags?: number } }).data?.flags).toBe(EPHEMERAL);
      expect(JSON.stringify(reply.body)).toMatch(/empty|limit is 4000/);
    }
  }, 30_000);

  it("with the voice-node down: the text answer still comes, saying voice is unavailable", async () => {
    await world.stopNode();
    provider.script({ answer: "Only as text." });
    // Another member: the listener has spent the `ai` bucket's 5 a minute by now.
    const reply = await aiVoice("are you there?", world.addMember(world.guild.voiceChannelId));
    expect(reply.body.type).toBe(5);
    await world.bot.settle();
    const original = originalOf(world.bot, reply.token) as { content?: string };
    expect(bodyText(original)).toContain("Only as text.");
    expect(original.content).toMatch(/voice is unavailable/i);
    expect(followUpBodies(world.bot, reply.token)).toEqual([]);
    expect(await speakJobs()).toBe(0);
    expect(await metrics(world.bot.url)).toMatch(
      /chopsticks_voice_llm_requests_total\{outcome="voice_unavailable"\} [1-9]/,
    );
  }, 60_000);
});

/** `/ai voice` jobs waiting or running (the view graphile_worker.jobs has no payload). */
async function speakJobs(): Promise<number> {
  const { sql } = await import("drizzle-orm");
  const result = await world.db.handle.db.execute(
    sql`select count(*)::int as n from graphile_worker._private_jobs where payload->'action'->>'type' = 'speak'`,
  );
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
