import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, createUpload, setUploadStatus } from "../../src/data/music/index.ts";
import type { AttachmentJson } from "../../src/dev/discord-sim/attachments.ts";
import { MAX_OPEN_UPLOADS } from "../../src/music/playlists/upload.ts";
import { slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { drainedJobs, queuedJobs } from "../support/queued-jobs.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld();
  await world.startNode();
}, 60_000);
afterAll(() => world?.close());

const EPHEMERAL = 64;
const db = () => world.db.handle.db;
const text = (value: unknown) => JSON.stringify(value);

/** `/playlist upload file:` with `attachment` as Discord resolves it. */
function upload(attachment: AttachmentJson) {
  return world.bot.interact(
    slashCommand("playlist", {
      subcommand: "upload",
      options: { file: { type: 11, value: attachment.id } },
      resolved: { attachments: { [attachment.id]: attachment } },
      guildId: world.guild.guildId,
      channelId: world.guild.textChannelId,
      user: { id: world.guild.listenerId },
    }),
  );
}

/**
 * What a refusal must leave untouched: stored uploads, queued jobs, the queue. Read once the
 * earlier cases' jobs ran (`drained`), so a job finishing mid-case changes nothing here.
 */
async function footprint(drained: boolean) {
  const stored = await db().execute(sql`select count(*)::int as n from music_playlist_uploads`);
  return {
    uploads: (stored as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0,
    jobs: drained ? await drainedJobs(db()) : await queuedJobs(db()),
    queue: (await allEntries(db(), world.guild.guildId)).length,
  };
}

async function refused(attachment: AttachmentJson, message: string): Promise<void> {
  const before = await footprint(true);
  const answer = await upload(attachment);
  expect(answer.body.type).toBe(4);
  const data = (answer.body as { data: { flags: number } }).data;
  expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(text(data)).toContain(message);
  expect(await footprint(false)).toEqual(before);
}

const MiB = 1024 * 1024;

describe("/playlist upload through signed interactions", () => {
  it("stores the file's entries, queues the upload, and the voice-node appends them in file order", async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      i === 41 ? "nothing at all" : `Artist ${i + 1} - Song ${i + 1}`,
    );
    const file = world.bot.discord.addAttachment("road trip.txt", lines.join("\n"));
    const answer = await upload(file);
    expect(answer.body.type).toBe(5);
    const done = await world.bot.discord.waitFor(
      (c) =>
        c.method === "PATCH" &&
        c.path.includes(answer.token) &&
        text(c.body).includes("Playlist uploaded"),
      { timeoutMs: 30_000, description: "the upload's final report" },
    );
    expect(text(done.body)).toContain("added **59** track(s) from 60 entries");
    expect(text(done.body)).toContain("1 not found");
    const titles = (await allEntries(db(), world.guild.guildId)).map((e) => e.title);
    expect(titles).toEqual(lines.filter((l) => !l.startsWith("nothing")));
  }, 60_000);

  it("a file of another type is refused privately; nothing is stored or queued", async () => {
    await refused(world.bot.discord.addAttachment("song.mp3", "ID3"), "is not a playlist file");
    await refused(world.bot.discord.addAttachment("list.txt.exe", "a"), "Upload one of .txt");
  });

  it("a file over 1 MiB is refused, whether Discord says so or only its bytes do", async () => {
    const big = "Artist - Song\n".repeat(Math.ceil(MiB / 14) + 10);
    await refused(world.bot.discord.addAttachment("big.txt", big), "is over 1 MiB");
    // The size field understates the body: the download stops at the limit all the same.
    const lying = { ...world.bot.discord.addAttachment("small.txt", big), size: 100 };
    await refused(lying, "is over 1 MiB");
  });

  it("more than 1000 entries is refused with the count", async () => {
    const lines = Array.from({ length: 1001 }, (_, i) => `song ${i}`).join("\n");
    await refused(
      world.bot.discord.addAttachment("long.txt", lines),
      "The file has 1001 entries; a playlist may have at most 1000.",
    );
  });

  it("non-UTF-8 content is refused", async () => {
    // "Sigur Rós" in Latin-1: 0xF3 alone is not UTF-8.
    const latin1 = new Uint8Array([0x53, 0x69, 0x67, 0x75, 0x72, 0x20, 0x52, 0xf3, 0x73]);
    await refused(world.bot.discord.addAttachment("latin1.txt", latin1), "is not UTF-8 text");
  });

  it("a JSON file of the wrong shape is refused with what is wrong", async () => {
    await refused(
      world.bot.discord.addAttachment("spotify.json", '{"songs": ["a"]}'),
      "A JSON playlist must be a list of URLs or searches",
    );
    await refused(world.bot.discord.addAttachment("broken.json", "{not json"), "not valid JSON");
  });

  it("a file the CDN cannot serve is refused with a retry hint", async () => {
    const file = world.bot.discord.addAttachment("gone.txt", "Artist - Song");
    await refused({ ...file, url: `${file.url}-missing` }, "Could not read");
  });

  it(`a server with ${MAX_OPEN_UPLOADS} uploads in progress is asked to wait`, async () => {
    const open = [];
    for (let i = 0; i < MAX_OPEN_UPLOADS; i++) {
      open.push(
        await createUpload(db(), {
          guildId: world.guild.guildId,
          userId: world.guild.listenerId,
          textChannelId: world.guild.textChannelId,
          filename: `waiting-${i}.txt`,
          entries: ["Artist - Song"],
        }),
      );
    }
    try {
      await refused(
        world.bot.discord.addAttachment("one more.txt", "Artist - Song"),
        `already has ${MAX_OPEN_UPLOADS} playlist uploads in progress`,
      );
    } finally {
      for (const row of open) await setUploadStatus(db(), row.id, "failed");
    }
  });
});
