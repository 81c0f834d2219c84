import type { LavalinkManager, LavalinkNode, Player } from "lavalink-client";
import type { LavalinkFilters } from "../../domain/music/filters.ts";
import { LAVALINK_RESUME_TIMEOUT_S } from "../../domain/music/limits.ts";
import { describeError } from "../../platform/logger.ts";
import {
  type AudioEvents,
  type AudioNodeStatus,
  AudioRequestError,
  type AudioService,
  type AudioTrack,
  AudioUnavailableError,
  type ConnectOptions,
  type LoadOutcome,
  type Logger,
  type PlayOptions,
  type ResumedPlayer,
} from "../../ports/index.ts";
import { isErrorBody, toLoadOutcome } from "./convert.ts";
import { createLavalinkManager } from "./create-manager.ts";
import { NodeFailover } from "./node-failover.ts";
import { fetchSurvivors, isUp, leastLoadedReadyNode, nodeStatuses } from "./node-loads.ts";
import type { LavalinkAudioOptions } from "./options.ts";
import { PlayerBook } from "./player-book.ts";
import { StartupBatch } from "./startup-batch.ts";
import { forwardPlayerPayload, type RawPayload } from "./track-events.ts";
import { type VoiceDispatch, VoiceRelay } from "./voice-relay.ts";

export type { LavalinkAudioOptions, LavalinkNodeConfig } from "./options.ts";

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;
const FAILOVER_GRACE_MS = 3000;
/** The first restore waits at most this long for every node to answer. */
const STARTUP_BATCH_MS = 5000;

/**
 * The audio service over lavalink-client 2.11 against Lavalink ≥ 4.2. It works around the
 * client's known traps: sessions are resumed explicitly (Session-Id kept, timeout in seconds),
 * players are rebuilt by the caller after a resume or a lost session, voice updates are
 * ordered, REST answers are checked, and track events are read from the raw payload. With
 * several nodes, new players go to the least loaded one, and the players of a node that stays
 * down move to the others.
 */
export class LavalinkAudio implements AudioService {
  private readonly manager: LavalinkManager;
  private readonly relay: VoiceRelay;
  private events: AudioEvents | null = null;
  private readonly book: PlayerBook;
  private readonly log: Logger;
  private readonly failover: NodeFailover;
  private readonly startup: StartupBatch;

  constructor(private readonly options: LavalinkAudioOptions) {
    this.log = options.log;
    this.manager = createLavalinkManager(options, {
      retryDelayMs: BACKOFF_BASE_MS,
      requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    });
    this.book = new PlayerBook(this.manager);
    this.relay = new VoiceRelay(options.botUserId, async (dispatch) => {
      try {
        await this.manager.sendRawData(dispatch as Parameters<LavalinkManager["sendRawData"]>[0]);
      } catch (error) {
        this.log.warn("lavalink.voice_update_failed", { error: describeError(error) });
      }
    });
    this.failover = new NodeFailover(options.failoverGraceMs ?? FAILOVER_GRACE_MS, (node, at) =>
      this.evacuate(node, at),
    );
    this.startup = new StartupBatch(
      options.nodes.map((n) => n.name),
      STARTUP_BATCH_MS,
      (node, resumed, players) => this.events?.sessionReady(node, resumed, players),
    );
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
      this.startup.answered(node.id);
      this.failover.dropped(node.id);
      options.onNodeChange?.();
    });
    nodes.on("error", (node, error) => {
      this.startup.answered(node.id);
      this.log.warn("lavalink.error", { node: node.id, error: describeError(error) });
    });
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
    return nodeStatuses(this.manager);
  }

  available(): boolean {
    return this.nodes().some((node) => node.up);
  }

  /** The least loaded node that is up. */
  private readyNode(): LavalinkNode {
    const node = leastLoadedReadyNode(this.manager);
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

  async connect(guildId: string, channelId: string, options: ConnectOptions = {}): Promise<void> {
    let player = this.manager.getPlayer(guildId);
    if (!player) {
      const wanted = options.node ? this.manager.nodeManager.nodes.get(options.node) : undefined;
      const node = wanted?.connected && wanted.sessionId ? wanted : this.readyNode();
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

  hasPlayer(guildId: string): boolean {
    return this.manager.players.has(guildId);
  }

  nodeOf(guildId: string): string | null {
    return this.manager.getPlayer(guildId)?.node.id ?? null;
  }

  async discard(node: string, guildId: string): Promise<void> {
    const target = this.manager.nodeManager.nodes.get(node);
    if (!target?.sessionId || this.nodeOf(guildId) === node) return;
    await target.destroyPlayer(guildId);
    this.log.info("lavalink.discarded_survivor", { node, guildId });
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
      ...(options.filters ? { filters: options.filters } : {}),
      ...this.book.takeStaleVoice(guildId),
    });
    player.paused = options.paused;
    player.playing = !options.paused;
    this.book.current.set(guildId, track.encoded);
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

  async setFilters(guildId: string, filters: LavalinkFilters): Promise<void> {
    await this.update(guildId, { filters });
  }

  async stop(guildId: string): Promise<void> {
    this.book.current.set(guildId, null);
    await this.update(guildId, { track: { encoded: null } });
  }

  async leave(guildId: string): Promise<void> {
    this.book.current.delete(guildId);
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
    this.book.current.set(guildId, encoded);
  }

  isPlaying(guildId: string): boolean {
    return this.book.isPlaying(guildId);
  }

  playerCounts(): { players: number; playing: number } {
    return this.book.counts();
  }

  /**
   * Leaves the Lavalink session to be resumed by the next process: sockets closed without
   * destroying players (the session keeps playing for the resume timeout).
   */
  async detach(): Promise<void> {
    this.failover.stop();
    this.startup.stop();
    for (const node of this.manager.nodeManager.nodes.values())
      node.disconnect("voice-node restarting");
  }

  private async onRaw(node: LavalinkNode, payload: RawPayload): Promise<void> {
    // lavalink-client emits `raw` before it applies the payload itself: let it finish first.
    await null;
    try {
      if (payload.op === "ready") {
        await this.onReady(node, payload);
        return;
      }
      if (payload.op !== "playerUpdate" && payload.op !== "event") return;
      // A node given up on may come back with the old players: only the guild's node counts.
      if (payload.guildId && this.nodeOf(payload.guildId) !== node.id) return;
      forwardPlayerPayload(payload, this.book.current, this.events, this.log);
    } catch (error) {
      this.log.error("lavalink.event_failed", { op: payload.op, error: describeError(error) });
    }
  }

  private async onReady(node: LavalinkNode, payload: RawPayload): Promise<void> {
    // Keep the session id so the client's own reconnects send Session-Id (it does not), and
    // enable resuming with a timeout in seconds.
    node.options.sessionId = payload.sessionId;
    this.failover.recovered(node.id);
    const session: unknown = await node.updateSession(true, LAVALINK_RESUME_TIMEOUT_S);
    if (isErrorBody(session)) this.log.warn("lavalink.resume_not_enabled", { node: node.id });
    let players: ResumedPlayer[] = [];
    if (payload.resumed) {
      players = await fetchSurvivors(node);
    } else {
      // A new session: the players this process knew on that node no longer exist there.
      this.book.forgetNode(node.id);
    }
    this.log.info("lavalink.session_ready", {
      node: node.id,
      resumed: Boolean(payload.resumed),
      players: players.length,
    });
    this.startup.ready(node.id, Boolean(payload.resumed), players);
    // A node that is up again can take the players of nodes given up on meanwhile.
    this.failover.retry();
  }

  /** A node stayed down past its grace: its players move, if another node can take them. */
  private evacuate(nodeId: string, droppedAt: number): void {
    const node = this.manager.nodeManager.nodes.get(nodeId);
    if (!node || isUp(node)) return;
    if (!this.nodes().some((n) => n.up && n.name !== nodeId)) {
      this.log.warn("lavalink.failover_waiting", { node: nodeId, reason: "no other node is up" });
      return;
    }
    const guildIds = this.book.forgetNode(nodeId);
    if (guildIds.length === 0) return;
    this.log.warn("lavalink.failover", { node: nodeId, players: guildIds.length });
    this.events?.playersLost(nodeId, guildIds, droppedAt);
  }
}
