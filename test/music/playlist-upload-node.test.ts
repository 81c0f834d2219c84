import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordApi } from "../../src/adapters/discord/rest.ts";
import { createSqlJobQueue } from "../../src/adapters/jobs/sql-job-queue.ts";
import {
  allEntries,
  appendEntries,
  clearEntries,
  createUpload,
  findUpload,
  lockPlayer,
  setUploadMessage,
} from "../../src/data/music/index.ts";
import type { MusicJob } from "../../src/domain/music/job.ts";
import { enqueuePlaylistUpload } from "../../src/music/enqueue.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld({ uploads: { editGapMs: 0 } });
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

const db = () => world.db.handle.db;
const text = (value: unknown) => JSON.stringify(value);

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Stores a file's entries and queues the upload job, as the edge does. */
async function upload(
  entries: string[],
  options: { userId?: string; overrides?: Partial<MusicJob> } = {},
) {
  const userId = options.userId ?? world.guild.listenerId;
  const row = await createUpload(db(), {
    guildId: world.guild.guildId,
    userId,
    textChannelId: world.guild.textChannelId,
    filename: "mix.txt",
    entries,
  });
  const job = world.job({ type: "playlist_upload", uploadId: row.id }, userId, options.overrides);
  return { row, job, enqueue: () => enqueuePlaylistUpload(createSqlJobQueue(db()), job, 1) };
}

const edits = (token: string) =>
  world.bot.discord.calls
    .filter((c) => c.method === "PATCH" && c.path.includes(token))
    .map((c) => text(c.body));

async function edgeMetrics(): Promise<string> {
  const response = await fetch(`${world.bot.url}/metrics`, {
    headers: { authorization: `Bearer ${world.bot.adminSecret}` },
  });
  return response.text();
}

async function resetQueue() {
  const { token } = (await enqueueStop()).interaction;
  // Stopped, or refused when nothing plays any more.
  await Promise.race([world.edited(token), world.refused(token)]);
  await db().transaction(async (tx) => {
    await lockPlayer(tx, world.guild.guildId);
    await clearEntries(tx, world.guild.guildId);
  });
}

async function enqueueStop() {
  const job = world.job({ type: "stop" });
  await world.enqueue(job);
  return job;
}

describe("playlist uploads on the voice-node", () => {
  it("resolves in batches, appends in file order, edits progress, reports what was not found", async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      i === 9 || i === 41 ? `nothing like line ${i + 1}` : `Artist ${i + 1} - Song ${i + 1}`,
    );
    const { row, job, enqueue } = await upload(lines);
    await enqueue();
    await until(async () => (await findUpload(db(), row.id))?.status === "done");
    const titles = (await allEntries(db(), world.guild.guildId)).map((e) => e.title);
    expect(titles).toEqual(lines.filter((l) => !l.startsWith("nothing")));
    const shown = edits(job.interaction.token);
    expect(shown.some((e) => e.includes("resolved 25/60, 1 not found"))).toBe(true);
    expect(shown.some((e) => e.includes("resolved 50/60, 2 not found"))).toBe(true);
    const last = shown.at(-1) ?? "";
    expect(last).toContain("Playlist uploaded");
    expect(last).toContain("added **58** track(s) from 60 entries");
    expect(last).toContain("2 not found: `nothing like line 10`, `nothing like line 42`");
    // The first batch started the music.
    expect(world.lavalink.player(world.guild.guildId)?.track?.info.title).toBe("Artist 1 - Song 1");
  }, 40_000);

  it("entries past the queue's cap of 1000 are reported as skipped, not searched", async () => {
    await resetQueue();
    const filler = Array.from({ length: 990 }, (_, i) => ({
      encoded: `filler-${i}`,
      title: `Filler ${i}`,
      author: "",
      uri: null,
      artworkUrl: null,
      sourceName: "http",
      lengthMs: 1000,
      isStream: false,
      isSeekable: true,
      requestedBy: world.guild.listenerId,
    }));
    await db().transaction(async (tx) => {
      await lockPlayer(tx, world.guild.guildId);
      await appendEntries(tx, world.guild.guildId, filler, 1000);
    });
    const searches = () =>
      world.lavalink.log.entries.filter((r) => r.path?.startsWith("/v4/loadtracks")).length;
    const before = searches();
    const { row, job, enqueue } = await upload(
      Array.from({ length: 100 }, (_, i) => `Capped ${i + 1}`),
    );
    await enqueue();
    await until(async () => (await findUpload(db(), row.id))?.status === "done");
    expect(await allEntries(db(), world.guild.guildId)).toHaveLength(1000);
    const done = await findUpload(db(), row.id);
    expect(done).toMatchObject({ added: 10, skipped: 90, notFound: 0, cursor: 100 });
    // One batch of 25 found the queue full; the other 75 were never searched.
    expect(searches() - before).toBe(25);
    expect(edits(job.interaction.token).at(-1)).toContain(
      "90 skipped: the queue holds at most 1000 tracks",
    );
  }, 40_000);

  it("an expired interaction token: progress and the result go to the channel with the bot token", async () => {
    await resetQueue();
    const { row, job, enqueue } = await upload(["Late one", "Late two"]);
    job.interaction.receivedAt = Date.now() - 14.5 * 60_000;
    await enqueue();
    await until(async () => (await findUpload(db(), row.id))?.status === "done");
    const channel = `/channels/${world.guild.textChannelId}/messages`;
    const posts = world.bot.discord.calls.filter(
      (c) => c.method === "POST" && c.path === channel && text(c.body).includes("mix.txt"),
    );
    expect(posts.map((p) => text(p.body))).toEqual([
      expect.stringContaining("resolved 0/2"),
      expect.stringContaining("Playlist uploaded"),
    ]);
    const stored = await findUpload(db(), row.id);
    const botEdits = world.bot.discord.calls.filter(
      (c) => c.method === "PATCH" && c.path === `${channel}/${stored?.messageId}`,
    );
    expect(botEdits.at(-1)?.body).toMatchObject({
      embeds: [expect.objectContaining({ title: "✅ Playlist uploaded" })],
    });
    expect(edits(job.interaction.token)).toEqual([]);
  }, 40_000);

  it("the response found through the token early on is edited with the bot token once it expired", async () => {
    await resetQueue();
    const rest = createDiscordApi({
      apiBase: world.bot.discord.apiBase,
      applicationId: world.bot.applicationId,
      token: world.bot.botToken,
    });
    // The response as the upload found it through the token, before it expired.
    const messageId = await rest.channels.createMessage(world.guild.textChannelId, {
      content: "thinking…",
    });
    const { row, job, enqueue } = await upload(["Resumed late"]);
    await setUploadMessage(db(), row.id, {
      channelId: world.guild.textChannelId,
      messageId,
    });
    job.interaction.receivedAt = Date.now() - 14.5 * 60_000;
    await enqueue();
    await until(async () => (await findUpload(db(), row.id))?.status === "done");
    const edit = world.bot.discord.calls.filter(
      (c) =>
        c.method === "PATCH" &&
        c.path === `/channels/${world.guild.textChannelId}/messages/${messageId}`,
    );
    expect(text(edit.at(-1)?.body)).toContain("Playlist uploaded");
  }, 40_000);

  it("an uploader in no voice channel, with the bot idle: stopped with the reason, nothing queued", async () => {
    await resetQueue();
    const { row, job, enqueue } = await upload(["Nobody listens"], {
      userId: world.guild.outsiderId,
    });
    await enqueue();
    await until(async () => (await findUpload(db(), row.id))?.status === "failed");
    expect(edits(job.interaction.token).at(-1)).toContain("Join a voice channel first");
    expect(await allEntries(db(), world.guild.guildId)).toEqual([]);
  }, 40_000);

  it("a voice-node stopped mid-upload (SIGTERM) pauses after its batch; the next one finishes it", async () => {
    await resetQueue();
    const lines = Array.from({ length: 200 }, (_, i) => `Graceful ${i + 1}`);
    const release = world.lavalink.sim.holdLoads((id) => id === "ytsearch:Graceful 101");
    const { row, enqueue } = await upload(lines);
    await enqueue();
    await until(async () => (await findUpload(db(), row.id))?.cursor === 100);
    const stopping = world.stopNode();
    release();
    await stopping;
    expect(world.nodeLogs.some((l) => l.includes("music.upload_paused"))).toBe(true);
    const paused = await findUpload(db(), row.id);
    expect(paused?.status).toBe("running");
    expect(paused?.cursor).toBeLessThan(200);
    // The edge's gauge (what ChopsticksPlaylistUploadQueueDepth watches) counts it open.
    expect(await edgeMetrics()).toMatch(/^chopsticks_playlist_upload_queue_depth 1$/m);

    await world.startNode();
    await until(async () => (await findUpload(db(), row.id))?.status === "done", 30_000);
    expect((await allEntries(db(), world.guild.guildId)).map((e) => e.title)).toEqual(lines);
    expect(await edgeMetrics()).toMatch(/^chopsticks_playlist_upload_queue_depth 0$/m);
  }, 60_000);
});
