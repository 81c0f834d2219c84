import { desc, eq, sql } from "drizzle-orm";
import { type VoiceNodeRow, voiceNodes } from "../../db/schema.ts";
import { HEARTBEAT_STALE_MS } from "../../domain/music/limits.ts";
import { guildShard, parseShardSpec } from "../../domain/music/shards.ts";
import type { Executor } from "../moderation/executor.ts";

/** What a voice-node reports about one Lavalink node. */
export interface LavalinkNodeReport {
  up: boolean;
  /** The session a restarted process resumes. */
  sessionId: string | null;
}

/** A heartbeat as the voice-node writes it. */
export interface Heartbeat {
  id: string;
  gateway: "connected" | "connecting" | "disconnected";
  lavalink: Record<string, LavalinkNodeReport>;
  gatewaySessions: Record<string, unknown>;
  players: number;
  /** The shards it holds (`0,1/4`); null or absent when it holds every guild. */
  shards?: string | null;
  version: string;
  at: Date;
}

/** Writes (or creates) a voice-node's heartbeat row and marks it online. */
export async function writeHeartbeat(db: Executor, beat: Heartbeat): Promise<void> {
  const values = {
    status: "online",
    gateway: beat.gateway,
    lavalink: beat.lavalink,
    gatewaySessions: beat.gatewaySessions,
    players: beat.players,
    shards: beat.shards ?? null,
    version: beat.version,
    heartbeatAt: beat.at,
  };
  await db
    .insert(voiceNodes)
    .values({ id: beat.id, startedAt: beat.at, ...values })
    .onConflictDoUpdate({ target: voiceNodes.id, set: values });
}

/** Marks a voice-node offline at once (SIGTERM), so the edge stops sending it work. */
export async function markOffline(db: Executor, id: string): Promise<void> {
  await db
    .update(voiceNodes)
    .set({ status: "offline", gateway: "disconnected" })
    .where(eq(voiceNodes.id, id));
}

/** A voice-node's row, for resuming its sessions after a restart. */
export async function findVoiceNode(db: Executor, id: string): Promise<VoiceNodeRow | null> {
  const [row] = await db.select().from(voiceNodes).where(eq(voiceNodes.id, id));
  return row ?? null;
}

/** The audio service as the edge sees it. */
export interface VoiceServiceStatus {
  /** The runbook's word: `unknown` only when no voice-node ever registered. */
  gateway: "connected" | "disconnected" | "unknown";
  /** Whether the live voice-node reports at least one Lavalink node up. */
  lavalinkUp: boolean;
}

/** Whether a node row serves the guild's shard (a row without shards serves every guild). */
function servesGuild(row: VoiceNodeRow, guild: { guildId: string; shardCount: number }): boolean {
  if (!row.shards) return true;
  try {
    const spec = parseShardSpec(row.shards);
    // A node of another layout (mid-reshard) does not take this edge's task names.
    return (
      spec.count === guild.shardCount && spec.ids.includes(guildShard(guild.guildId, spec.count))
    );
  } catch {
    return false;
  }
}

/**
 * Reads the freshest heartbeats: connected when an online node beat within 60 s. With
 * `guild`, only the nodes holding that guild's shard count (with VOICE_SHARD_COUNT shards),
 * so a guild whose node is down is told so even while other shards' nodes are fine.
 */
export async function voiceServiceStatus(
  db: Executor,
  now: Date,
  guild?: { guildId: string; shardCount: number },
): Promise<VoiceServiceStatus> {
  const rows = await db.select().from(voiceNodes).orderBy(desc(voiceNodes.heartbeatAt)).limit(64);
  if (rows.length === 0) return { gateway: "unknown", lavalinkUp: false };
  const fresh = rows.filter(
    (row) =>
      row.status === "online" &&
      row.gateway === "connected" &&
      now.getTime() - row.heartbeatAt.getTime() < HEARTBEAT_STALE_MS &&
      (!guild || servesGuild(row, guild)),
  );
  if (fresh.length === 0) return { gateway: "disconnected", lavalinkUp: false };
  const lavalinkUp = fresh.some((row) =>
    Object.values(row.lavalink as Record<string, LavalinkNodeReport>).some((node) => node?.up),
  );
  return { gateway: "connected", lavalinkUp };
}

/** Deletes rows of nodes silent for a long time (renamed or retired processes). */
export async function forgetSilentNodes(db: Executor, before: Date): Promise<void> {
  await db
    .delete(voiceNodes)
    .where(sql`${voiceNodes.heartbeatAt} < ${before.toISOString()}::timestamptz`);
}

/** Stores the gateway sessions a restarted process resumes (written on SIGTERM). */
export async function saveGatewaySessions(
  db: Executor,
  id: string,
  sessions: Record<string, unknown>,
): Promise<void> {
  await db.update(voiceNodes).set({ gatewaySessions: sessions }).where(eq(voiceNodes.id, id));
}
