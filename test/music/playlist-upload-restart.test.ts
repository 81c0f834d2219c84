import { describe, expect, it } from "vitest";
import { allEntries, findUpload, voiceServiceStatus } from "../../src/data/music/index.ts";
import { uploadThroughEdge } from "./playlist-upload-helpers.ts";
import { voiceNodeRestarts } from "./voice-node-restarts.ts";

const restarts = voiceNodeRestarts({ waitMs: 30_000 });
const { start, until } = restarts;

describe("a 600-line playlist upload and a voice-node killed halfway", () => {
  it("finishes after the restart with progress edits, every entry once, in file order", async () => {
    const world = restarts.world;
    const db = world.db.handle.db;
    const first = start();
    await first.port;
    await until(async () => (await voiceServiceStatus(db, new Date())).gateway === "connected");

    const lines = Array.from({ length: 600 }, (_, i) =>
      [99, 199, 499].includes(i) ? `nothing at line ${i + 1}` : `Artist ${i + 1} - Song ${i + 1}`,
    );
    // Lavalink stalls on line 301: the batch from 301 never completes in the first process.
    const release = world.lavalink.sim.holdLoads((id) => id === "ytsearch:Artist 301 - Song 301");
    // Through the edge, as a member uploads it: a signed /playlist upload with the file attached.
    const { token, uploadId } = await uploadThroughEdge(world, "road-trip.txt", lines.join("\n"));
    await until(async () => (await findUpload(db, uploadId))?.cursor === 300);

    await first.stop("SIGKILL");
    release();
    const second = start();
    await second.port;
    await until(async () => (await findUpload(db, uploadId))?.status === "done", 60_000);

    const titles = (await allEntries(db, world.guild.guildId)).map((e) => e.title);
    expect(titles).toEqual(lines.filter((l) => !l.startsWith("nothing")));
    expect(await findUpload(db, uploadId)).toMatchObject({
      cursor: 600,
      added: 597,
      notFound: 3,
      skipped: 0,
    });
    const edits = world.bot.discord.calls
      .filter((c) => c.method === "PATCH" && c.path.includes(token))
      .map((c) => JSON.stringify(c.body));
    // Progress from the first process, then from the second one picking up at 300.
    expect(edits.some((e) => /resolved (\d|[12]\d\d)\/600/.test(e))).toBe(true);
    expect(edits.some((e) => e.includes("resolved 300/600, 2 not found"))).toBe(true);
    expect(edits.at(-1)).toContain("added **597** track(s) from 600 entries");
    expect(edits.at(-1)).toContain("3 not found");
    expect(second.lines.entries.join("\n")).toContain("jobs.unlocked_stale_workers");
    expect(await second.stop("SIGTERM")).toBe(0);
  }, 180_000);
});
