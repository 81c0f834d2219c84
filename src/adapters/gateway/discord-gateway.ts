import { REST } from "@discordjs/rest";
import { type SessionInfo, WebSocketManager, WebSocketShardEvents } from "@discordjs/ws";
import { type GatewayDispatchPayload, GatewayIntentBits } from "discord-api-types/v10";
import { guildShard } from "../../domain/music/shards.ts";
import { describeError } from "../../platform/logger.ts";
import type { Logger, VoiceGateway } from "../../ports/index.ts";

/** GUILDS | GUILD_VOICE_STATES = 129: voice states need no privileged intent. */
export const VOICE_INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildVoiceStates;

/** Close code that keeps the session resumable (not 1000/1001). */
const RESUMABLE_CLOSE = 4200;

/** Options of {@link DiscordGateway}. */
export interface DiscordGatewayOptions {
  token: string;
  /** REST base without version; `GET /gateway/bot` comes from here. */
  apiBase: string;
  /** Sessions saved by the previous process, by shard id: resumed instead of identifying. */
  sessions?: Readonly<Record<string, unknown>>;
  log: Logger;
  /** The shards to hold, of how many; default: every shard `GET /gateway/bot` recommends. */
  shards?: { ids: readonly number[]; count: number } | null;
  onDispatch: (payload: GatewayDispatchPayload, shardId: number) => void;
}

function isSessionInfo(value: unknown): value is SessionInfo {
  const info = value as Partial<SessionInfo> | null;
  return (
    typeof info?.sessionId === "string" &&
    typeof info.sequence === "number" &&
    typeof info.resumeURL === "string" &&
    typeof info.shardId === "number" &&
    typeof info.shardCount === "number"
  );
}

/**
 * The voice-node's Discord gateway session over @discordjs/ws: voice-state intents only,
 * session info kept so a restarted process resumes instead of re-identifying.
 */
export class DiscordGateway implements VoiceGateway {
  private readonly manager: WebSocketManager;
  private readonly sessionInfo = new Map<number, SessionInfo>();
  private state: "connected" | "connecting" | "disconnected" = "disconnected";
  private reconnectCount = 0;
  private shardCount = 1;
  private markReady: () => void = () => {};
  /** Resolves once the session is up (READY or RESUMED) the first time. */
  readonly ready: Promise<void> = new Promise((resolve) => {
    this.markReady = resolve;
  });

  constructor(private readonly options: DiscordGatewayOptions) {
    for (const value of Object.values(options.sessions ?? {})) {
      // A session of another shard layout cannot be resumed: identify afresh.
      if (!isSessionInfo(value)) continue;
      if (options.shards && value.shardCount !== options.shards.count) continue;
      this.sessionInfo.set(value.shardId, value);
    }
    const rest = new REST({ api: options.apiBase, version: "10", timeout: 10_000 }).setToken(
      options.token,
    );
    this.manager = new WebSocketManager({
      token: options.token,
      intents: VOICE_INTENTS,
      rest,
      ...(options.shards
        ? { shardCount: options.shards.count, shardIds: [...options.shards.ids] }
        : {}),
      retrieveSessionInfo: (shardId) => this.sessionInfo.get(shardId) ?? null,
      updateSessionInfo: (shardId, info) => {
        if (info) this.sessionInfo.set(shardId, info);
        else this.sessionInfo.delete(shardId);
      },
    });
    const log = options.log;
    this.manager.on(WebSocketShardEvents.Dispatch, (payload, shardId) => {
      try {
        options.onDispatch(payload, shardId);
      } catch (error) {
        log.error("gateway.dispatch_failed", { t: payload.t, error: describeError(error) });
      }
    });
    this.manager.on(WebSocketShardEvents.Ready, (data, shardId) => {
      this.state = "connected";
      this.markReady();
      log.info("gateway.ready", { shardId, guilds: data.guilds.length });
    });
    this.manager.on(WebSocketShardEvents.Resumed, (shardId) => {
      this.state = "connected";
      this.markReady();
      log.info("gateway.resumed", { shardId });
    });
    this.manager.on(WebSocketShardEvents.Closed, (code, shardId) => {
      if (this.state === "connected") this.reconnectCount++;
      this.state = "connecting";
      log.warn("gateway.closed", { shardId, code });
    });
    this.manager.on(WebSocketShardEvents.Error, (error, shardId) =>
      log.warn("gateway.error", { shardId, error: describeError(error) }),
    );
  }

  /** Fetches `/gateway/bot` and connects every shard. */
  async connect(): Promise<void> {
    this.state = "connecting";
    this.shardCount = await this.manager.getShardCount();
    await this.manager.connect();
  }

  status(): "connected" | "connecting" | "disconnected" {
    return this.state;
  }

  reconnects(): number {
    return this.reconnectCount;
  }

  sessions(): Record<string, unknown> {
    return Object.fromEntries([...this.sessionInfo].map(([id, info]) => [String(id), info]));
  }

  /** Sends a payload on the shard that holds `guildId`. */
  sendToGuildShard(guildId: string, payload: unknown): void {
    const shardId = guildShard(guildId, this.shardCount);
    void Promise.resolve(
      this.manager.send(shardId, payload as Parameters<WebSocketManager["send"]>[1]),
    ).catch((error: unknown) =>
      this.options.log.warn("gateway.send_failed", { guildId, error: describeError(error) }),
    );
  }

  /**
   * Closes the sockets so that the session stays resumable (SIGTERM): returns the session
   * info to save first, since closing clears it from the manager.
   */
  async detach(): Promise<Record<string, unknown>> {
    const saved = this.sessions();
    this.state = "disconnected";
    await this.manager.destroy({ code: RESUMABLE_CLOSE, reason: "voice-node restarting" });
    return saved;
  }
}
