/**
 * Which gateway shards a voice-node holds, out of how many. A guild belongs to shard
 * `(guild_id >> 22) % count` (Discord's rule), and its music jobs carry that shard in their
 * task name, since graphile-worker picks jobs by task name, not by queue name.
 */
export interface ShardSpec {
  /** The shards held, ascending, each below `count`. */
  readonly ids: readonly number[];
  readonly count: number;
}

/** One process holding everything: the default when no sharding is configured. */
export const SINGLE_SHARD: ShardSpec = { ids: [0], count: 1 };

/** Discord allows far fewer; this only stops a typo from creating a million task names. */
const MAX_SHARDS = 4096;

/** The shard a guild's gateway events and music jobs belong to. */
export function guildShard(guildId: string, count: number): number {
  if (count <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * Reads `VOICE_NODE_SHARDS` as operators write it: `0,1/4` (shards 0 and 1 of 4), a range
 * `0-3/8`, or `2/4`. Throws a message naming what is wrong.
 */
export function parseShardSpec(text: string): ShardSpec {
  const match = /^\s*([\d\s,-]+)\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new Error("must look like 0,1/4 (the shards held / the shard count)");
  const count = Number(match[2]);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS)
    throw new Error(`shard count must be 1–${MAX_SHARDS}`);
  const ids = new Set<number>();
  for (const part of (match[1] ?? "").split(",")) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!range) throw new Error("must look like 0,1/4 (the shards held / the shard count)");
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) throw new Error(`shard range ${from}-${to} runs backwards`);
    for (let id = from; id <= to; id++) {
      if (id >= count) throw new Error(`shard ${id} does not exist with ${count} shard(s)`);
      ids.add(id);
    }
  }
  return { ids: [...ids].sort((a, b) => a - b), count };
}

/** `0,1/4`, as the heartbeat row and the logs show a spec. */
export function formatShardSpec(spec: ShardSpec): string {
  return `${spec.ids.join(",")}/${spec.count}`;
}

/** Whether a node holding `spec` serves this guild. */
export function holdsGuild(spec: ShardSpec, guildId: string): boolean {
  return spec.ids.includes(guildShard(guildId, spec.count));
}
