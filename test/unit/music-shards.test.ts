import { describe, expect, it } from "vitest";
import { allMusicTasks, musicTaskFor } from "../../src/domain/music/job.ts";
import {
  formatShardSpec,
  guildShard,
  holdsGuild,
  parseShardSpec,
} from "../../src/domain/music/shards.ts";

describe("VOICE_NODE_SHARDS", () => {
  it.each([
    ["0,1/4", [0, 1], 4],
    ["2/4", [2], 4],
    ["0-3/8", [0, 1, 2, 3], 8],
    [" 3, 1 / 4 ", [1, 3], 4],
    ["0/1", [0], 1],
  ])("%s holds %j of %i", (text, ids, count) => {
    expect(parseShardSpec(text)).toEqual({ ids, count });
  });

  it.each([
    ["", "must look like 0,1/4"],
    ["0,1", "must look like 0,1/4"],
    ["4/4", "shard 4 does not exist with 4 shard(s)"],
    ["0/0", "shard count must be"],
    ["3-1/4", "runs backwards"],
    ["a/4", "must look like 0,1/4"],
  ])("%j is refused: %s", (text, message) => {
    expect(() => parseShardSpec(text)).toThrow(message);
  });

  it("formats back the way it is written", () => {
    expect(formatShardSpec(parseShardSpec("1,0/4"))).toBe("0,1/4");
  });
});

describe("a guild's shard and task", () => {
  // (id >> 22) % count, Discord's rule: the timestamp part of the snowflake decides.
  const onShard = (shard: number) => String((BigInt(1_000_000 + shard) << 22n) | 12345n);

  it.each([0, 1, 2, 3])("guild on shard %i of 4", (shard) => {
    expect(guildShard(onShard(shard), 4)).toBe(shard);
    expect(musicTaskFor(onShard(shard), 4)).toBe(`music_shard_${shard}`);
    expect(holdsGuild({ ids: [shard], count: 4 }, onShard(shard))).toBe(true);
    expect(holdsGuild({ ids: [(shard + 1) % 4], count: 4 }, onShard(shard))).toBe(false);
  });

  it("without sharding every guild is shard 0", () => {
    expect(musicTaskFor("81384788765712384", 1)).toBe("music_shard_0");
  });

  it("queue depth counts every shard's task and the pre-sharding one", () => {
    expect(allMusicTasks(3)).toEqual(["music", "music_shard_0", "music_shard_1", "music_shard_2"]);
  });
});
