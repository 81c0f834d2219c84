import { PermissionFlagsBits as P } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allEntries, appendEntries, lockPlayer, updatePlayer } from "../../src/data/music/index.ts";
import { DEFAULT_MEMBER_PERMISSIONS, slashCommand } from "../support/interactions.ts";
import { type MusicWorld, startMusicWorld } from "../support/music-world.ts";
import { snowflake } from "../support/snowflake.ts";

let world: MusicWorld;
beforeAll(async () => {
  world = await startMusicWorld();
}, 60_000);
afterAll(() => world?.close());

const TRACKS = 100;
const title = (n: number) => `track-${String(n).padStart(3, "0")}`;

describe("50 concurrent queue edits through signed interactions", () => {
  it("lose nothing: the queue holds every track once, except exactly those removed", async () => {
    const { guildId, voiceChannelId, textChannelId } = world.guild;
    const db = world.db.handle.db;
    // A guild playing track-000 with 99 behind it (the edge needs no voice-node to edit).
    await db.transaction(async (tx) => {
      await lockPlayer(tx, guildId);
      const { added } = await appendEntries(
        tx,
        guildId,
        Array.from({ length: TRACKS }, (_, i) => ({
          encoded: `enc-${i}`,
          title: title(i),
          author: "artist",
          uri: null,
          artworkUrl: null,
          sourceName: "youtube",
          lengthMs: 180_000,
          isStream: false,
          isSeekable: true,
          requestedBy: world.guild.listenerId,
        })),
        1000,
      );
      await updatePlayer(tx, guildId, { voiceChannelId, currentEntryId: added[0]?.id ?? null });
    });

    // 50 members with Manage Server (one request each: the music bucket allows 15 a minute).
    const edits = Array.from({ length: 50 }, (_, i) => {
      const subcommand = i % 2 === 0 ? "move" : "remove";
      const options: Record<string, number> =
        subcommand === "move"
          ? { from: 1 + ((i * 7) % 90), to: 1 + ((i * 13) % 90) }
          : { position: 1 + ((i * 11) % 95) };
      return world.bot.interact(
        slashCommand("music", {
          subcommand,
          options,
          guildId,
          channelId: textChannelId,
          user: { id: snowflake() },
          memberPermissions: DEFAULT_MEMBER_PERMISSIONS | P.ManageGuild,
        }),
      );
    });
    const answers = (await Promise.all(edits)).map((a) => JSON.stringify(a.body));
    const removedTitles = answers
      .filter((a) => a.includes("🗑 Removed"))
      .map((a) => /track-\d{3}/.exec(a)?.[0]);
    const refusals = answers.filter((a) => !a.includes("Removed") && !a.includes("Moved"));
    // Every edit either did its job or was refused for a place that no longer exists.
    for (const refusal of refusals) expect(refusal).toMatch(/There is no track #|already there/);
    expect(removedTitles.every(Boolean)).toBe(true);
    expect(new Set(removedTitles).size).toBe(removedTitles.length);

    const left = (await allEntries(db, guildId)).map((e) => e.title);
    const expected = Array.from({ length: TRACKS }, (_, i) => title(i)).filter(
      (t) => !removedTitles.includes(t),
    );
    expect([...left].sort()).toEqual(expected);
    expect(left[0]).toBe(title(0));
    expect(left.length).toBe(TRACKS - removedTitles.length);
    expect(removedTitles.length).toBeGreaterThan(20);
  }, 60_000);
});
