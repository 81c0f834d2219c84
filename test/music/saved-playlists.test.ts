import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, appendEntries, lockPlayer } from "../../src/data/music/index.ts";
import { listPlaylists, playlistTracks } from "../../src/data/music/saved-playlists.ts";
import {
  autocomplete,
  componentPress,
  DEFAULT_MEMBER_PERMISSIONS,
  slashCommand,
} from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { drainedJobs, queuedJobs } from "../support/queued-jobs.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

const EPHEMERAL = 64;
const text = (value: unknown) => JSON.stringify(value);
const db = () => world.db.handle.db;

function command(
  name: "music" | "playlist",
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
  userId = world.guild.listenerId,
  permissions: bigint = DEFAULT_MEMBER_PERMISSIONS,
) {
  return world.bot.interact(
    slashCommand(name, {
      subcommand,
      options,
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: userId },
      memberPermissions: permissions,
    }),
  );
}
const playlist = (
  subcommand: string,
  options: Record<string, string | number | boolean> = {},
  userId?: string,
  permissions?: bigint,
) => command("playlist", subcommand, options, userId, permissions);

async function refusedWith(
  answer: Awaited<ReturnType<typeof playlist>>,
  message: string,
): Promise<void> {
  expect(answer.body.type).toBe(4);
  const data = (answer.body as { data: { flags: number } }).data;
  expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(text(data)).toContain(message);
}

const titles = async () => (await allEntries(db(), world.guild.guildId)).map((e) => e.title);

describe("/playlist save, list, load and delete", () => {
  it("saves the current queue under a name, in queue order", async () => {
    await refusedWith(await playlist("save", { name: "Road Trip" }), "The queue is empty");
    for (const query of ["first song", "second song", "third song"]) {
      await world.edited((await command("music", "play", { query })).token);
    }
    const saved = await playlist("save", { name: "Road  Trip " });
    expect(saved.body.type).toBe(4);
    expect(text(saved.body)).toContain("Playlist saved");
    expect(text(saved.body)).toContain("**Road Trip**: 3 track(s)");
    const [row] = await listPlaylists(db(), world.guild.guildId);
    expect((await playlistTracks(db(), row?.id ?? 0)).map((t) => t.title)).toEqual([
      "first song",
      "second song",
      "third song",
    ]);
  }, 40_000);

  it("a taken name (whatever its case) needs overwrite, and only its creator or a manager may", async () => {
    await refusedWith(await playlist("save", { name: "road trip" }), "already exists");
    await refusedWith(
      await playlist("save", { name: "road trip", overwrite: true }, world.guild.outsiderId),
      "only they (or someone with Manage Server) can replace it",
    );
    const [row] = await listPlaylists(db(), world.guild.guildId);
    expect(row?.trackCount).toBe(3);
    const replaced = await playlist(
      "save",
      { name: "road trip", overwrite: true },
      world.guild.outsiderId,
      DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild,
    );
    expect(text(replaced.body)).toContain("Playlist replaced");
  }, 20_000);

  it("lists the server's playlists, and suggests their names while typing", async () => {
    const list = await playlist("list");
    expect(list.body.type).toBe(4);
    expect(text(list.body)).toContain("**road trip** — 3 track(s)");
    const suggest = await world.bot.interact(
      autocomplete(
        "playlist",
        { name: "name", value: "RO" },
        { subcommand: "load", guildId: world.guild.guildId },
      ),
    );
    expect((suggest.body as { data: { choices: unknown[] } }).data.choices).toEqual([
      { name: "road trip (3 tracks)", value: "road trip" },
    ]);
  }, 20_000);

  it("loads a playlist into an empty queue: joins, plays its first track", async () => {
    await world.edited((await command("music", "stop")).token);
    expect(await titles()).toEqual([]);
    const load = await playlist("load", { name: "ROAD TRIP" });
    expect(load.body.type).toBe(5);
    const edited = text(await world.edited(load.token));
    expect(edited).toContain("Playlist loaded");
    expect(edited).toContain("Queued **3** track(s) from **road trip**. Now playing");
    expect(await titles()).toEqual(["first song", "second song", "third song"]);
    await world.gateway.waitForOp4(world.guild.guildId, world.guild.voiceChannelId);
    expect(world.lavalink.player(world.guild.guildId)?.track?.info.title).toBe("first song");
  }, 30_000);

  it("appends to a queue already playing, and past the queue's cap reports the rest skipped", async () => {
    const again = await playlist("load", { name: "road trip" });
    expect(text(await world.edited(again.token))).toContain(
      "Queued **3** track(s) from **road trip**. From #3 on.",
    );
    // Fill the queue to 998 of 1000.
    const filler = Array.from({ length: 992 }, (_, i) => ({
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
    const full = await playlist("load", { name: "road trip" });
    const answer = text(await world.edited(full.token));
    expect(answer).toContain("Queued **2** track(s)");
    expect(answer).toContain("1 track(s) skipped: the queue holds at most 1000");
    expect(await titles()).toHaveLength(1000);
  }, 30_000);

  it("an unknown name gets a clear private answer and queues nothing", async () => {
    const before = await drainedJobs(db());
    await refusedWith(
      await playlist("load", { name: "Nope" }),
      "There is no playlist named **Nope** in this server",
    );
    expect(await queuedJobs(db())).toBe(before);
    const other = world.guild.elsewhereId;
    await refusedWith(
      await playlist("delete", { name: "Nope" }, other),
      "There is no playlist named",
    );
    await refusedWith(await playlist("save", { name: "x".repeat(51) }, other), "the limit is 50");
  }, 20_000);

  it("deletes: only its creator or a manager; then the list says there are none", async () => {
    // Replaced above by the outsider (with Manage Server), who is now its creator.
    await refusedWith(await playlist("delete", { name: "road trip" }), "only they");
    const deleted = await playlist("delete", { name: "road trip" }, world.guild.outsiderId);
    expect(text(deleted.body)).toContain("Playlist deleted");
    const list = await playlist("list", {}, world.guild.elsewhereId);
    expect(text(list.body)).toContain("No saved playlists yet");
  }, 20_000);

  it("a server keeps at most 100 playlists; the list pages through them", async () => {
    await db().execute(sql`
      insert into music_playlists (guild_id, name, name_key, created_by, track_count)
      select ${world.guild.guildId}, 'mix ' || lpad(n::text, 3, '0'), 'mix ' || lpad(n::text, 3, '0'), ${world.guild.listenerId}, 1
        from generate_series(1, 100) n`);
    // (Another member: the music bucket allows 15 commands a minute per user.)
    const other = world.guild.elsewhereId;
    await refusedWith(await playlist("save", { name: "one more" }, other), "the most it may keep");
    const first = await playlist("list", {}, other);
    expect(text(first.body)).toContain("page 1/7");
    const next = await world.bot.interact(
      componentPress("playlist:list:1", {
        guildId: world.guild.guildId,
        channelId: world.guild.textChannelId,
      }),
    );
    expect(next.body.type).toBe(7);
    expect(text(next.body)).toContain("**mix 016**");
    expect(text(next.body)).toContain("page 2/7");
  }, 20_000);
});
