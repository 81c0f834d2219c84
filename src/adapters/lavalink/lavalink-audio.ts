import { LavalinkManager, type LavalinkNode, type Player } from "lavalink-client";
import { LAVALINK_RESUME_TIMEOUT_S } from "../../domain/music/limits.ts";
import { describeError } from "../../platform/logger.ts";
import {
  type AudioEvents,
  type AudioNodeStatus,
  AudioRequestError,
  type AudioService,
  type AudioTrack,
  AudioUnavailableError,
  type LoadOutcome,
  type Logger,
  type PlayOptions,
  type ResumedPlayer,
  type TrackEndReason,
} from "../../ports/index.ts";
import { isErrorBody, toLoadOutcome } from "./convert.ts";
import { type VoiceDispatch, VoiceRelay } from "./voice-relay.ts";

/** One Lavalink node from LAVALINK_NODES. */
export interface LavalinkNodeConfig {
  name: string;
  host: string;
  port: number;
  password: string;
  secure: boolean;
}

/** Options of {@link LavalinkAudio}. */
export interface LavalinkAudioOptions {
  nodes: readonly LavalinkNodeConfig[];
  botUserId: string;
  /** Sends a gateway payload (op 4) on the guild's shard. */
  sendToShard: (guildId: string, payload: unknown) => void;
  /** Sessions saved by a previous process, by node name: resumed when Lavalink kept them. */
  sessionIds?: Readonly<Record<string, string>>;
  log: Logger;
  /** REST timeout; default 5 s. */
  requestTimeoutMs?: number;
  /** Told when a node connects or drops (the heartbeat reports it at once). */
  onNodeChange?: () => void;
}

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

type RawPayload = {
  op?: string;
  guildId?: string;
  type?: string;
  reason?: TrackEndReason;
  track?: { encoded?: string };
  exception?: { message?: string };
  state?: { position?: number };
  resumed?: boolean;
  sessionId?: string;
  code?: number;
};

/**
 * The audio service over lavalink-client 2.11 against Lavalink ≥ 4.2. It works around the
 * client's known traps: sessions are resumed explicitly (Session-Id kept, timeout in seconds),
 * players are rebuilt by the caller after a resume or a lost session, voice updates are
 * ordered, REST answers are checked, and track events are read from the raw payload.
 */
export class LavalinkAudio implements AudioService {
  private readonly manager: LavalinkManager;
  private readonly relay: VoiceRelay;
  private events: AudioEvents | null = null;
  private readonly current = new Map<string, string | null>();
  private readonly log: Logger;

  constructor(private readonly options: LavalinkAudioOptions) {
    this.log = options.log;
    const timeout = options.requestTimeoutMs ?? 5000;
    this.manager = new LavalinkManager({
      nodes: options.nodes.map((node) => ({
        id: node.name,
        host: node.host,
        port: node.port,
        authorization: node.password,
        secure: node.secure,
        sessionId: options.sessionIds?.[node.name],
        retryAmount: Number.POSITIVE_INFINITY,
        retryDelay: BACKOFF_BASE_MS,
        requestSignalTimeoutMS: timeout,
        heartBeatInterval: 30_000,
        enablePingOnStatsCheck: true,
        closeOnError: false,
        autoChecks: { sourcesValidations: false, pluginValidations: false },
      })),
      sendToShard: (guildId, payload) => options.sendToShard(guildId, payload),
      client: { id: options.botUserId, username: "Chopsticks" },
      autoSkip: false,
      autoMove: false,
      playerOptions: {
        onDisconnect: { autoReconnect: false, destroyPlayer: false },
        maxErrorsPerTime: { threshold: 0, maxAmount: -1 },
        clientBasedPositionUpdateInterval: 0,
      },
      queueOptions: { maxPreviousTracks: 0 },
    });
    this.relay = new VoiceRelay(options.botUserId, async (dispatch) => {
      try {
        await this.manager.sendRawData(dispatch as Parameters<LavalinkManager["sendRawData"]>[0]);
      } catch (error) {
        this.log.warn("lavalink.voice_update_failed", { error: describeError(error) });
      }
    });
    const nodes = this.manager.nodeManager;
    nodes.on("raw", (node, payload) => void this.onRaw(node, payload as RawPayload));
    nodes.on("connect", (node) => {
      this.log.info("lavalink.connected", { node: node.id });
      options.onNodeChange?.();
    });
    nodes.on("disconnect", (node, reason) => {
      // Exponential backoff: lavalink-client reads retryDelay before each attempt.
      const attempts = node.reconnectionAttemptCount;
      node.options.retryDelay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempts);
      this.log.warn("lavalink.disconnected", {
        node: node.id,
        code: reason.code,
        retryInMs: node.options.retryDelay,
      });
      options.onNodeChange?.();
    });
    nodes.on("error", (node, error) =>
      this.log.warn("lavalink.error", { node: node.id, error: describeError(error) }),
    );
  }

  /** Connects to every node (before any gateway dispatch is relayed). */
  async start(): Promise<void> {
    await this.manager.init({ id: this.options.botUserId, username: "Chopsticks" });
  }

  listen(events: AudioEvents): void {
    this.events = events;
  }

  /** Relays a gateway dispatch; voice updates for the bot reach Lavalink in a working order. */
  async onDispatch(dispatch: { t?: string | null; d?: unknown }): Promise<void> {
    if (dispatch.t === "VOICE_STATE_UPDATE" || dispatch.t === "VOICE_SERVER_UPDATE") {
      await this.relay.relay(dispatch as VoiceDispatch);
    }
  }

  nodes(): AudioNodeStatus[] {
    return [...this.manager.nodeManager.nodes.values()].map((node) => ({
      name: node.id,
      up: Boolean(node.connected && node.sessionId && node.isAlive),
      sessionId: node.sessionId ?? null,
    }));
  }

  available(): boolean {
    return this.nodes().some((node) => node.up);
  }

  private readyNode(): LavalinkNode {
    const node = [...this.manager.nodeManager.nodes.values()].find(
      (n) => n.connected && n.sessionId,
    );
    if (!node) throw new AudioUnavailableError("no Lavalink node is connected");
    return node;
  }

  async load(identifier: string): Promise<LoadOutcome> {
    const node = this.readyNode();
    const body: unknown = await node.request(
      `/loadtracks?identifier=${encodeURIComponent(identifier)}`,
    );
    return toLoadOutcome(body);
  }

  channelOf(guildId: string): string | null {
    return this.manager.getPlayer(guildId)?.voiceChannelId ?? null;
  }

  async connect(guildId: string, channelId: string): Promise<void> {
    let player = this.manager.getPlayer(guildId);
    const node = player?.node.connected && player.node.sessionId ? player.node : this.readyNode();
    if (!player) {
      player = this.manager.createPlayer({
        guildId,
        voiceChannelId: channelId,
        selfDeaf: true,
        selfMute: false,
        node: node.id,
      });
    } else if (player.voiceChannelId === channelId && player.voice?.token) {
      return;
    }
    player.options.voiceChannelId = channelId;
    this.relay.expectJoin(guildId);
    await player.connect();
  }

  private player(guildId: string): Player {
    const player = this.manager.getPlayer(guildId);
    if (!player) throw new AudioRequestError(`no player for guild ${guildId}`);
    if (!player.node.connected || !player.node.sessionId) {
      throw new AudioUnavailableError("the player's Lavalink node is not connected");
    }
    return player;
  }

  private async update(guildId: string, playerOptions: Record<string, unknown>, noReplace = false) {
    const player = this.player(guildId);
    const body: unknown = await player.node.updatePlayer({
      guildId,
      noReplace,
      playerOptions: playerOptions as Parameters<LavalinkNode["updatePlayer"]>[0]["playerOptions"],
    });
    if (isErrorBody(body)) {
      throw new AudioRequestError(
        `Lavalink refused the update: ${body.status} ${body.message ?? ""}`,
      );
    }
    return player;
  }

  async play(
    guildId: string,
    track: AudioTrack | { encoded: string },
    options: PlayOptions,
  ): Promise<void> {
    const player = await this.update(guildId, {
      track: { encoded: track.encoded },
      position: Math.max(0, Math.floor(options.positionMs)),
      paused: options.paused,
      volume: options.volume,
      ...this.takeStaleVoice(guildId),
    });
    player.paused = options.paused;
    player.playing = !options.paused;
    this.current.set(guildId, track.encoded);
  }

  async setPaused(guildId: string, paused: boolean): Promise<void> {
    const player = await this.update(guildId, { paused });
    player.paused = paused;
  }

  async seek(guildId: string, positionMs: number): Promise<void> {
    await this.update(guildId, { position: Math.max(0, Math.floor(positionMs)) });
  }

  async setVolume(guildId: string, volume: number): Promise<void> {
    const player = await this.update(guildId, { volume });
    player.volume = volume;
  }

  async stop(guildId: string): Promise<void> {
    this.current.set(guildId, null);
    await this.update(guildId, { track: { encoded: null } });
  }

  async leave(guildId: string): Promise<void> {
    this.current.delete(guildId);
    const player = this.manager.getPlayer(guildId);
    if (!player) return;
    try {
      await player.destroy("leave", true);
    } catch (error) {
      // The node may be down: the player is gone locally, Lavalink drops it with the session.
      this.manager.players.delete(guildId);
      this.log.warn("lavalink.leave_failed", { guildId, error: describeError(error) });
    }
  }

  async adopt(guildId: string, encoded: string): Promise<void> {
    this.current.set(guildId, encoded);
  }

  isPlaying(guildId: string): boolean {
    return Boolean(this.current.get(guildId));
  }

  playerCounts(): { players: number; playing: number } {
    let playing = 0;
    for (const player of this.manager.players.values()) {
      if (this.current.get(player.guildId) && !player.paused) playing++;
    }
    return { players: this.manager.players.size, playing };
  }

  /**
   * Leaves the Lavalink session to be resumed by the next process: sockets closed without
   * destroying players (the session keeps playing for the resume timeout).
   */
  async detach(): Promise<void> {
    for (const node of this.manager.nodeManager.nodes.values())
      node.disconnect("voice-node restarting");
  }

  private async onRaw(node: LavalinkNode, payload: RawPayload): Promise<void> {
    // lavalink-client emits `raw` before it applies the payload itself: let it finish first.
    await null;
    try {
      switch (payload.op) {
        case "ready":
          await this.onReady(node, payload);
          return;
        case "playerUpdate":
          if (payload.guildId && typeof payload.state?.position === "number") {
            this.events?.position(payload.guildId, payload.state.position, Date.now());
          }
          return;
        case "event":
          this.onEvent(payload);
          return;
        default:
          return;
      }
    } catch (error) {
      this.log.error("lavalink.event_failed", { op: payload.op, error: describeError(error) });
    }
  }

  private async onReady(node: LavalinkNode, payload: RawPayload): Promise<void> {
    // Keep the session id so the client's own reconnects send Session-Id (it does not), and
    // enable resuming with a timeout in seconds.
    node.options.sessionId = payload.sessionId;
    const session: unknown = await node.updateSession(true, LAVALINK_RESUME_TIMEOUT_S);
    if (isErrorBody(session)) this.log.warn("lavalink.resume_not_enabled", { node: node.id });
    let players: ResumedPlayer[] = [];
    if (payload.resumed) {
      const list: unknown = await node.fetchAllPlayers();
      players = (Array.isArray(list) ? list : []).map((p) => ({
        guildId: String(p.guildId),
        encoded: typeof p.track?.encoded === "string" ? p.track.encoded : null,
        positionMs: Number(p.state?.position ?? 0),
        paused: p.paused === true,
      }));
    } else {
      // A new session: the players this process knew on that node no longer exist there.
      for (const player of [...this.manager.players.values()]) {
        if (player.node.id === node.id) {
          this.staleVoice.set(player.guildId, player.voice);
          this.manager.players.delete(player.guildId);
          this.current.delete(player.guildId);
        }
      }
    }
    this.log.info("lavalink.session_ready", {
      node: node.id,
      resumed: Boolean(payload.resumed),
      players: players.length,
    });
    this.events?.sessionReady(node.id, Boolean(payload.resumed), players);
  }

  private onEvent(payload: RawPayload): void {
    const guildId = payload.guildId;
    const encoded = payload.track?.encoded;
    if (!guildId) return;
    switch (payload.type) {
      case "TrackEndEvent":
        if (!encoded) return;
        if (this.current.get(guildId) === encoded && payload.reason !== "replaced")
          this.current.set(guildId, null);
        this.events?.trackEnd(guildId, encoded, payload.reason ?? "finished");
        return;
      case "TrackExceptionEvent":
        if (encoded)
          this.events?.trackException(
            guildId,
            encoded,
            payload.exception?.message ?? "unknown error",
          );
        return;
      case "TrackStuckEvent":
        if (encoded) this.events?.trackStuck(guildId, encoded);
        return;
      case "WebSocketClosedEvent":
        this.log.warn("lavalink.voice_socket_closed", { guildId, code: payload.code });
        return;
      default:
        return;
    }
  }

  /** Voice connections of players lost with their session, reused when they are recreated. */
  private readonly staleVoice = new Map<string, Player["voice"]>();

  /** The lost session's voice data for a recreated player (a fresh op 4 follows anyway). */
  private takeStaleVoice(guildId: string): { voice?: Player["voice"] } {
    const voice = this.staleVoice.get(guildId);
    this.staleVoice.delete(guildId);
    return voice?.token && voice.endpoint && voice.sessionId && voice.channelId ? { voice } : {};
  }
}
