import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { SimVoiceState, VoiceWorld } from "./world.ts";

/** A frame the simulated gateway received or sent, for tests to assert on. */
export interface GatewayRecord {
  direction: "in" | "out";
  sessionId: string | null;
  /** The session's `[shard_id, num_shards]` from IDENTIFY (null before it). */
  shard: [number, number] | null;
  op: number;
  t?: string | null;
  d?: unknown;
}

/** Options of {@link startGatewaySim}. */
export interface GatewaySimOptions {
  token: string;
  botUserId: string;
  botUsername?: string;
  applicationId: string;
  world: VoiceWorld;
  record?: (entry: GatewayRecord) => void;
  port?: number;
}

/** How the simulator answers op 4 (Discord promises no order between the two updates). */
export interface VoiceJoinBehaviour {
  /** Send VOICE_SERVER_UPDATE before the bot's VOICE_STATE_UPDATE. */
  serverUpdateFirst?: boolean;
  /** Send a VOICE_SERVER_UPDATE with `endpoint: null` first (a server being allocated). */
  nullEndpointFirst?: boolean;
}

/** A running simulated Discord gateway (v10, JSON). */
export interface GatewaySim {
  /** `ws://127.0.0.1:<port>`: what `GET /gateway/bot` answers. */
  readonly url: string;
  readonly port: number;
  joinBehaviour: VoiceJoinBehaviour;
  /** Identified sessions (open or waiting to be resumed). */
  sessionCount(): number;
  /** Moves a member (null: out of voice) and dispatches VOICE_STATE_UPDATE. */
  setVoiceState(guildId: string, userId: string, channelId: string | null): void;
  /** Cuts every socket abnormally; sessions stay resumable. */
  dropSockets(): void;
  /** Forgets every session: the next RESUME is answered with op 9 (invalid session). */
  invalidateSessions(): void;
  close(): Promise<void>;
}

interface Session {
  id: string;
  socket: WebSocket | null;
  seq: number;
  sent: { s: number; text: string }[];
  intents: number;
  shard: [number, number];
}

/** Discord's rule: a guild's events go to shard `(guild_id >> 22) % num_shards`. */
function onShard(guildId: string, [id, count]: [number, number]): boolean {
  return count <= 1 || Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
}

function shardOf(value: unknown): [number, number] {
  const shard = value as number[] | undefined;
  const [id, count] = Array.isArray(shard) ? shard : [];
  return typeof id === "number" && typeof count === "number" && id < count ? [id, count] : [0, 1];
}

const HEARTBEAT_INTERVAL = 41_250;

function voiceStatePayload(guildId: string, state: SimVoiceState | null, userId: string) {
  return {
    guild_id: guildId,
    channel_id: state?.channelId ?? null,
    user_id: userId,
    session_id: state?.sessionId ?? "",
    deaf: false,
    mute: false,
    self_deaf: state?.selfDeaf ?? false,
    self_mute: state?.selfMute ?? false,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
  };
}

/**
 * The Discord gateway over a real WebSocket: HELLO, IDENTIFY→READY, GUILD_CREATE with voice
 * states, heartbeats, RESUME→RESUMED (missed dispatches replayed) or op 9, and op 4 answered
 * with VOICE_STATE_UPDATE and VOICE_SERVER_UPDATE.
 */
export async function startGatewaySim(options: GatewaySimOptions): Promise<GatewaySim> {
  const { world } = options;
  const record = options.record ?? (() => {});
  const sessions = new Map<string, Session>();
  const sockets = new Set<Socket>();
  const server = createServer((_, response) => response.writeHead(426).end());
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `ws://127.0.0.1:${port}`;
  const sim: GatewaySim = {
    url,
    port,
    joinBehaviour: {},
    sessionCount: () => sessions.size,
    setVoiceState(guildId, userId, channelId) {
      const state = world.setVoiceState(guildId, userId, channelId);
      broadcast("VOICE_STATE_UPDATE", voiceStatePayload(guildId, state, userId));
    },
    dropSockets() {
      for (const client of wss.clients) client.terminate();
    },
    invalidateSessions() {
      sessions.clear();
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const sendRaw = (ws: WebSocket, session: Session | null, frame: Record<string, unknown>) => {
    record({
      direction: "out",
      sessionId: session?.id ?? null,
      shard: session?.shard ?? null,
      op: frame.op as number,
      t: (frame.t as string | null) ?? null,
      d: frame.d,
    });
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const dispatch = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    const frame = { op: 0, t, s: session.seq, d };
    session.sent.push({ s: session.seq, text: JSON.stringify(frame) });
    if (session.sent.length > 1000) session.sent.shift();
    if (session.socket) sendRaw(session.socket, session, frame);
  };

  /** Sends a guild's event to the sessions whose shard holds the guild. */
  function broadcast(t: string, d: { guild_id: string } & Record<string, unknown>) {
    for (const session of sessions.values()) {
      if (onShard(d.guild_id, session.shard)) dispatch(session, t, d);
    }
  }

  const guildCreate = (guildId: string) => {
    const guild = world.guild(guildId);
    return {
      id: guildId,
      name: guild?.name ?? "Guild",
      unavailable: false,
      member_count: 1,
      large: false,
      joined_at: "2024-01-01T00:00:00.000Z",
      channels: guild?.channels ?? [],
      threads: [],
      roles: [],
      members: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      voice_states: world.voiceStates(guildId).map((state) => ({
        ...voiceStatePayload(guildId, state, state.userId),
        guild_id: undefined,
      })),
    };
  };

  const joinVoice = (d: {
    guild_id?: string;
    channel_id?: string | null;
    self_deaf?: boolean;
    self_mute?: boolean;
  }) => {
    const guildId = d.guild_id ?? "";
    const state = world.setVoiceState(guildId, options.botUserId, d.channel_id ?? null, {
      sessionId: `voice-${randomBytes(6).toString("hex")}`,
      selfDeaf: d.self_deaf ?? false,
      selfMute: d.self_mute ?? false,
    });
    const stateUpdate = () =>
      broadcast("VOICE_STATE_UPDATE", voiceStatePayload(guildId, state, options.botUserId));
    const serverUpdate = (endpoint: string | null) =>
      broadcast("VOICE_SERVER_UPDATE", {
        token: randomBytes(8).toString("hex"),
        guild_id: guildId,
        endpoint,
      });
    if (!state) {
      stateUpdate();
      return;
    }
    const { serverUpdateFirst, nullEndpointFirst } = sim.joinBehaviour;
    if (nullEndpointFirst) serverUpdate(null);
    if (serverUpdateFirst) serverUpdate("sim-voice.discord.media:443");
    stateUpdate();
    if (!serverUpdateFirst) serverUpdate("sim-voice.discord.media:443");
  };

  wss.on("connection", (ws) => {
    let session: Session | null = null;
    sendRaw(ws, null, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL } });
    ws.on("message", (data) => {
      let frame: { op?: number; d?: unknown };
      try {
        frame = JSON.parse(String(data)) as { op?: number; d?: unknown };
      } catch {
        ws.close(4002, "Decode error");
        return;
      }
      record({
        direction: "in",
        sessionId: session?.id ?? null,
        shard: session?.shard ?? null,
        op: frame.op ?? -1,
        d: frame.d,
      });
      const d = (frame.d ?? {}) as Record<string, unknown>;
      switch (frame.op) {
        case 1:
          sendRaw(ws, session, { op: 11 });
          return;
        case 2: {
          if (d.token !== options.token) {
            ws.close(4004, "Authentication failed.");
            return;
          }
          session = {
            id: randomBytes(16).toString("hex"),
            socket: ws,
            seq: 0,
            sent: [],
            intents: Number(d.intents ?? 0),
            shard: shardOf(d.shard),
          };
          sessions.set(session.id, session);
          const shard = session.shard;
          const guildIds = world.guildIds().filter((id) => onShard(id, shard));
          dispatch(session, "READY", {
            v: 10,
            user: {
              id: options.botUserId,
              username: options.botUsername ?? "Chopsticks",
              discriminator: "0",
              global_name: null,
              avatar: null,
              bot: true,
            },
            guilds: guildIds.map((id) => ({ id, unavailable: true })),
            session_id: session.id,
            resume_gateway_url: url,
            shard,
            application: { id: options.applicationId, flags: 0 },
          });
          for (const id of guildIds) dispatch(session, "GUILD_CREATE", guildCreate(id));
          return;
        }
        case 6: {
          const known = sessions.get(String(d.session_id));
          if (d.token !== options.token || !known) {
            sendRaw(ws, null, { op: 9, d: false });
            return;
          }
          session = known;
          known.socket?.terminate();
          known.socket = ws;
          const since = Number(d.seq ?? 0);
          for (const entry of known.sent) {
            if (entry.s > since && ws.readyState === ws.OPEN) ws.send(entry.text);
          }
          dispatch(known, "RESUMED", null);
          return;
        }
        case 4:
          // Discord acts on op 4 only from the shard that holds the guild.
          if (session && typeof d.guild_id === "string" && onShard(d.guild_id, session.shard))
            joinVoice(d as Parameters<typeof joinVoice>[0]);
          return;
        default:
          return;
      }
    });
    ws.on("close", () => {
      if (session && session.socket === ws) session.socket = null;
    });
  });

  return sim;
}
