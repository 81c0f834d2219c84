import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPlayer } from "../../src/data/music/index.ts";
import type { RecordedCall } from "../../src/dev/discord-sim/simulator.ts";
import {
  componentPress,
  DEFAULT_MEMBER_PERMISSIONS,
  slashCommand,
} from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { drainedJobs, queuedJobs } from "../support/queued-jobs.ts";

/** Short in tests; production writes a guild's message at most every 5 s. */
const GAP_MS = 1500;
let world: MusicWorld;
const members: string[] = [];
let turn = 0;
beforeAll(async () => {
  world = await startMusicWorld({ timings: { nowPlayingGapMs: GAP_MS } });
  await world.startNode();
  members.push(world.guild.listenerId);
  for (let i = 0; i < 5; i++) members.push(world.addMember(world.guild.voiceChannelId));
}, 60_000);
afterAll(() => world?.close());

const EPHEMERAL = 64;
const text = (value: unknown) => JSON.stringify(value);
const channelPath = () => `/channels/${world.guild.textChannelId}/messages`;
const isNowPlayingPost = (c: RecordedCall) =>
  c.method === "POST" && c.path === channelPath() && text(c.body).includes('"music:np:');
const messageIdOf = (c: RecordedCall) => (c.response as { id: string }).id;
const editsOf = (messageId: string) =>
  world.bot.discord.calls.filter(
    (c) => c.method === "PATCH" && c.path === `${channelPath()}/${messageId}`,
  );

function music(subcommand: string, options: Record<string, string | number> = {}, user?: string) {
  return world.bot.interact(
    slashCommand("music", {
      subcommand,
      options,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: user ?? (members[turn++ % members.length] as string) },
      memberPermissions: DEFAULT_MEMBER_PERMISSIONS,
    }),
  );
}

function press(customId: string, user?: string, permissions = DEFAULT_MEMBER_PERMISSIONS) {
  return world.bot.interact(
    componentPress(customId, {
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: user ?? (members[turn++ % members.length] as string) },
      memberPermissions: permissions,
    }),
  );
}

async function current(): Promise<number | null> {
  return (await findPlayer(world.db.handle.db, world.guild.guildId))?.currentEntryId ?? null;
}

let messageId = "";
let firstEntry = 0;

describe("the now-playing message", () => {
  it("is posted in the channel where the music started when a track starts, with controls", async () => {
    await world.edited((await music("play", { query: "opening song" })).token);
    const post = await world.bot.discord.waitFor(isNowPlayingPost, { timeoutMs: 10_000 });
    messageId = messageIdOf(post);
    firstEntry = (await current()) ?? 0;
    expect(text(post.body)).toContain("opening song");
    expect(text(post.body)).not.toContain("🔘"); // no progress bar: it would need constant edits
    const ids = (post.body as { components: { components: { custom_id: string }[] }[] }).components
      .flatMap((row) => row.components)
      .map((button) => button.custom_id);
    expect(ids).toEqual(
      ["pause", "skip", "stop", "shuffle", "loop", "progress"].map(
        (action) => `music:np:${action}:${firstEntry}`,
      ),
    );
  }, 30_000);

  it("is edited (not reposted) on track change, at most once per gap however fast tracks change", async () => {
    for (const query of ["second song", "third song", "fourth song"])
      await world.edited((await music("play", { query })).token);
    const post = world.bot.discord.calls.find(isNowPlayingPost);
    if (!post) throw new Error("no now-playing message");
    // Three skips in a row, far quicker than the gap.
    for (let i = 0; i < 3; i++) {
      const job = world.job({ type: "skip" });
      await world.enqueue(job);
      await world.edited(job.interaction.token);
    }
    const edit = await world.bot.discord.waitFor(
      (c) =>
        c.method === "PATCH" &&
        c.path === `${channelPath()}/${messageId}` &&
        text(c.body).includes("fourth song"),
      { timeoutMs: 10_000 },
    );
    // Every write of the message (the post, then each edit) is at least a gap after the last,
    // however fast the tracks changed: intermediate tracks are skipped over, not each written.
    const writes = [post, ...editsOf(messageId).filter((c) => c.at <= edit.at)];
    for (let i = 1; i < writes.length; i++)
      expect((writes[i]?.at ?? 0) - (writes[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(GAP_MS);
    expect(world.bot.discord.calls.filter(isNowPlayingPost)).toHaveLength(1);
  }, 30_000);

  it("a button for a track that already ended gets a clear answer and changes nothing", async () => {
    const playing = await current();
    const before = await drainedJobs(world.db.handle.db);
    const answer = await press(`music:np:skip:${firstEntry}`);
    expect(answer.body.type).toBe(4);
    const data = (answer.body as { data: { flags: number } }).data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(text(data)).toContain("already ended");
    expect(await current()).toBe(playing);
    expect(await queuedJobs(world.db.handle.db)).toBe(before);
  }, 20_000);

  it("pause goes through the voice-node like the command: a private answer, the message follows", async () => {
    const entry = await current();
    const answer = await press(`music:np:pause:${entry}`);
    expect(answer.body.type).toBe(5);
    expect(((answer.body as { data?: { flags?: number } }).data?.flags ?? 0) & EPHEMERAL).toBe(
      EPHEMERAL,
    );
    expect(text(await world.edited(answer.token))).toContain("Paused");
    expect(world.lavalink.player(world.guild.guildId)?.paused).toBe(true);
    await world.bot.discord.waitFor(
      (c) =>
        c.method === "PATCH" &&
        c.path === `${channelPath()}/${messageId}` &&
        text(c.body).includes("▶ Resume"),
      { timeoutMs: 10_000 },
    );
    const resumed = await press(`music:np:pause:${entry}`);
    expect(text(await world.edited(resumed.token))).toContain("Resumed");
    expect(world.lavalink.player(world.guild.guildId)?.paused).toBe(false);
  }, 30_000);

  it("buttons follow the command rules: someone outside the channel is refused", async () => {
    const entry = await current();
    const before = await drainedJobs(world.db.handle.db);
    const answer = await press(`music:np:skip:${entry}`, world.guild.elsewhereId);
    expect(answer.body.type).toBe(4);
    expect(text(answer.body)).toContain("Only members in");
    expect(await current()).toBe(entry);
    expect(await queuedJobs(world.db.handle.db)).toBe(before);
  }, 20_000);

  it("progress is shown on demand, privately; loop cycles; shuffle shuffles", async () => {
    const entry = await current();
    const progress = await press(`music:np:progress:${entry}`);
    expect(text(progress.body)).toContain("🔘");
    expect(((progress.body as { data: { flags: number } }).data.flags ?? 0) & EPHEMERAL).toBe(
      EPHEMERAL,
    );
    const loop = await press(`music:np:loop:${entry}`);
    expect(text(await world.edited(loop.token))).toContain("Looping the current track");
    expect((await findPlayer(world.db.handle.db, world.guild.guildId))?.loopMode).toBe("track");
    await world.edited((await press(`music:np:loop:${entry}`)).token);
    await world.edited((await press(`music:np:loop:${entry}`)).token);
    expect((await findPlayer(world.db.handle.db, world.guild.guildId))?.loopMode).toBe("off");
    for (const query of ["fifth song", "sixth song"])
      await world.edited((await music("play", { query })).token);
    const shuffled = await press(`music:np:shuffle:${entry}`);
    expect(text(shuffled.body)).toContain("Shuffled");
  }, 30_000);

  it("stop turns the message into a card without buttons; the next session posts a new one", async () => {
    const entry = await current();
    const stop = await press(
      `music:np:stop:${entry}`,
      world.guild.outsiderId,
      DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild,
    );
    expect(text(await world.edited(stop.token))).toContain("Stopped");
    const ended = await world.bot.discord.waitFor(
      (c) =>
        c.method === "PATCH" &&
        c.path === `${channelPath()}/${messageId}` &&
        text(c.body).includes("⏹ Stopped"),
      { timeoutMs: 10_000 },
    );
    expect((ended.body as { components: unknown[] }).components).toEqual([]);
    const posts = world.bot.discord.calls.filter(isNowPlayingPost).length;
    await world.edited((await music("play", { query: "new session" })).token);
    await world.bot.discord.waitFor(
      (c) => isNowPlayingPost(c) && text(c.body).includes("new session"),
      { timeoutMs: 10_000 },
    );
    expect(world.bot.discord.calls.filter(isNowPlayingPost)).toHaveLength(posts + 1);
  }, 30_000);

  it("/music announce off (Manage Server) stops the messages", async () => {
    const plain = await music("announce", { mode: "off" });
    expect(text(plain.body)).toContain("needs Manage Server");
    const off = await world.bot.interact(
      slashCommand("music", {
        subcommand: "announce",
        options: { mode: "off" },
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
        user: { id: world.guild.ownerId },
        memberPermissions: DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild,
      }),
    );
    expect(text(off.body)).toContain("Announcements off");
    const node = world.node;
    if (!node) throw new Error("voice-node not running");
    await node.music.context.announcer.idle();
    const writes = () =>
      world.bot.discord.calls.filter(
        (c) => c.path.startsWith(channelPath()) && text(c.body).includes("music:np:"),
      ).length;
    const before = writes();
    const job = world.job({ type: "skip" });
    await world.enqueue(job);
    expect(text(await world.edited(job.interaction.token))).toContain("Skipped");
    await node.music.context.announcer.idle();
    expect(writes()).toBe(before);
  }, 30_000);
});
