import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { Catalog, decodeTrack, type LavalinkTrack } from "./catalog.ts";
import type { SimClock } from "./clock.ts";
import { checkFilters, FilterError, LAVALINK_FILTERS } from "./filters.ts";
import type { SimPlayer, VoiceData } from "./player.ts";
import { SimSession } from "./session.ts";

/** Lavalink sends a playerUpdate this often (of its own time). */
const PLAYER_UPDATE_MS = 5_000;
/** …and stats this often (real time: lavalink-client drops a node silent for 65 s). */
const STATS_INTERVAL_MS = 30_000;

/** A REST call or WebSocket event the simulator saw, for tests to assert on. */
export interface LavalinkRecord {
  kind: "rest" | "ws-open" | "ws-close" | "ws-sent";
  method?: string;
  path?: string;
  body?: Record<string, unknown> | null;
  status?: number;
  sessionId?: string;
  headers?: Record<string, string | undefined>;
  message?: Record<string, unknown>;
}

/** Options of {@link startLavalinkSim}. */
export interface LavalinkSimOptions {
  password: string;
  clock: SimClock;
  catalog?: Catalog;
  /** Real ms between simulation ticks; 0 = only when {@link LavalinkSim.tick} is called. */
  tickMs?: number;
  port?: number;
  record?: (entry: LavalinkRecord) => void;
  /** Filters switched off in this node's configuration (PATCHes using them get 400). */
  disabledFilters?: readonly string[];
}

/** A running simulated Lavalink v4 node. */
export interface LavalinkSim {
  readonly port: number;
  /** `http://name:password@127.0.0.1:port`, as LAVALINK_NODES takes it. */
  nodeUrl(name: string): string;
  readonly catalog: Catalog;
  readonly sessions: ReadonlyMap<string, SimSession>;
  /** Every player of every session for a guild. */
  playersOf(guildId: string): SimPlayer[];
  /** Processes time: track ends, failures, player updates. */
  tick(): void;
  /** Cuts every client socket (as a network drop does: close code 1006). */
  dropSockets(): void;
  /** Makes the server refuse WebSocket connections (503) until called with false. */
  refuseConnections(refuse: boolean): void;
  /**
   * Holds every `loadtracks` whose identifier matches until the returned function is called
   * (a slow source, or a node stuck mid-request).
   */
  holdLoads(match: (identifier: string) => boolean): () => void;
  close(): Promise<void>;
}

function info(disabled: readonly string[] = []) {
  return {
    version: { semver: "4.2.2", major: 4, minor: 2, patch: 2, preRelease: null, build: null },
    buildTime: 1_740_000_000_000,
    git: { branch: "main", commit: "sim", commitTime: 1_740_000_000_000 },
    jvm: "21",
    lavaplayer: "2.2.4",
    sourceManagers: ["youtube", "soundcloud", "http"],
    filters: LAVALINK_FILTERS.filter((name) => !disabled.includes(name)),
    plugins: [{ name: "youtube-plugin", version: "1.18.2" }],
  };
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "Malformed JSON body");
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function checkedFilters(value: unknown, disabled: readonly string[] = []) {
  try {
    return checkFilters(
      value,
      LAVALINK_FILTERS.filter((name) => !disabled.includes(name)),
    );
  } catch (error) {
    if (error instanceof FilterError) throw new HttpError(400, error.message);
    throw error;
  }
}

function voiceOf(body: unknown): VoiceData {
  const voice = (body ?? {}) as Partial<Record<keyof VoiceData, unknown>>;
  for (const field of ["token", "endpoint", "sessionId", "channelId"] as const) {
    if (typeof voice[field] !== "string" || voice[field] === "") {
      throw new HttpError(400, `voice.${field} is required`);
    }
  }
  return voice as VoiceData;
}

/**
 * A Lavalink v4 node over real sockets: REST (info, stats, loadtracks, sessions, players) and
 * the WebSocket (ready with resume, playerUpdate, stats, track events), with playback that
 * follows `clock`. Enforces what real Lavalink enforces: the password, `User-Id`, a complete
 * voice object (with `channelId`, since 4.2).
 */
export async function startLavalinkSim(options: LavalinkSimOptions): Promise<LavalinkSim> {
  const { clock, password } = options;
  const catalog = options.catalog ?? new Catalog();
  const sessions = new Map<string, SimSession>();
  const record = options.record ?? (() => {});
  const sockets = new Set<Socket>();
  let refusing = false;
  const holds = new Set<{ match: (identifier: string) => boolean; released: Promise<void> }>();

  const event = (session: SimSession, guildId: string, type: string, extra: object) =>
    session.send({ op: "event", type, guildId, ...extra });

  const endTrack = (session: SimSession, player: SimPlayer, reason: string) => {
    const track = player.track;
    if (!track) return;
    player.stop();
    event(session, player.guildId, "TrackEndEvent", { track, reason });
  };

  const startTrack = (
    session: SimSession,
    player: SimPlayer,
    track: LavalinkTrack,
    position: number,
  ) => {
    if (player.track) endTrack(session, player, "replaced");
    player.start(track, position, clock.now());
    event(session, player.guildId, "TrackStartEvent", { track });
  };

  const playerUpdate = (session: SimSession, player: SimPlayer) => {
    const now = clock.now();
    player.lastUpdateAt = now;
    session.send({
      op: "playerUpdate",
      guildId: player.guildId,
      state: {
        time: now,
        position: player.position(now),
        connected: player.connected,
        ping: player.connected ? 12 : -1,
      },
    });
  };

  const stats = () => {
    let players = 0;
    let playing = 0;
    for (const session of sessions.values()) {
      for (const player of session.players.values()) {
        players++;
        if (player.advancing()) playing++;
      }
    }
    return {
      players,
      playingPlayers: playing,
      uptime: 1000,
      memory: { free: 1, used: 1, allocated: 2, reservable: 4 },
      cpu: { cores: 2, systemLoad: 0.1, lavalinkLoad: 0.05 },
      frameStats: null,
    };
  };

  const tick = () => {
    const now = clock.now();
    for (const session of sessions.values()) {
      for (const player of session.players.values()) {
        const track = player.track;
        if (track && player.advancing()) {
          const position = player.position(now);
          const behaviour = catalog.behaviours.get(track.info.identifier);
          if (behaviour?.failAtMs !== undefined && position >= behaviour.failAtMs) {
            event(session, player.guildId, "TrackExceptionEvent", {
              track,
              exception: {
                message: "This video is unavailable",
                severity: "common",
                cause: "simulated",
              },
            });
            endTrack(session, player, "loadFailed");
            continue;
          }
          if (
            behaviour?.stuckAtMs !== undefined &&
            position >= behaviour.stuckAtMs &&
            !player.stuckReported
          ) {
            player.stuckReported = true;
            event(session, player.guildId, "TrackStuckEvent", { track, thresholdMs: 10_000 });
          }
          if (!track.info.isStream && position >= track.info.length) {
            endTrack(session, player, "finished");
            continue;
          }
        }
        if (now - player.lastUpdateAt >= PLAYER_UPDATE_MS) playerUpdate(session, player);
      }
    }
  };

  const sessionOf = (id: string | undefined) => {
    const session = id ? sessions.get(id) : undefined;
    if (!session) throw new HttpError(404, "Session not found");
    return session;
  };

  const patchPlayer = (
    session: SimSession,
    guildId: string,
    body: Record<string, unknown>,
    noReplace: boolean,
  ) => {
    const now = clock.now();
    // Checked before anything changes: a refused update leaves the player as it was.
    const filters =
      body.filters === undefined
        ? undefined
        : checkedFilters(body.filters, options.disabledFilters);
    const player = session.player(guildId);
    player.settle(now);
    if (body.voice !== undefined) player.voice = voiceOf(body.voice);
    if (typeof body.volume === "number") player.volume = body.volume;
    // A filters update replaces the whole chain and leaves the track playing where it is.
    if (filters) player.filters = filters;
    if (typeof body.paused === "boolean") player.paused = body.paused;
    const trackField = body.track as { encoded?: string | null; identifier?: string } | undefined;
    const encoded =
      trackField?.encoded !== undefined
        ? trackField.encoded
        : (body.encodedTrack as string | null | undefined);
    if (encoded === null) {
      endTrack(session, player, "stopped");
    } else if (typeof encoded === "string") {
      const decoded = decodeTrack(encoded);
      if (!decoded) throw new HttpError(400, "Invalid encoded track");
      if (!(noReplace && player.track)) {
        const position = typeof body.position === "number" ? body.position : 0;
        startTrack(
          session,
          player,
          { encoded, info: decoded, pluginInfo: {}, userData: {} },
          position,
        );
      }
    } else if (typeof body.position === "number" && player.track) {
      player.seek(body.position, now);
    }
    player.settle(now);
    return player.toJson(now);
  };

  const route = (
    request: IncomingMessage,
    url: URL,
    body: Record<string, unknown> | null,
  ): [number, unknown] => {
    if (request.headers.authorization !== password) throw new HttpError(401, "Unauthorized");
    const path = url.pathname;
    const method = request.method ?? "GET";
    if (method === "GET" && path === "/version") return [200, "4.2.2"];
    if (method === "GET" && path === "/v4/info") return [200, info(options.disabledFilters)];
    if (method === "GET" && path === "/v4/stats") return [200, stats()];
    if (method === "GET" && path === "/v4/loadtracks") {
      return [200, catalog.load(url.searchParams.get("identifier") ?? "")];
    }
    const sessionMatch = /^\/v4\/sessions\/([^/]+)(?:\/players(?:\/(\d+))?)?$/.exec(path);
    if (sessionMatch) {
      const session = sessionOf(sessionMatch[1]);
      const guildId = sessionMatch[2];
      const isPlayers = path.includes("/players");
      if (!isPlayers && method === "PATCH") {
        if (typeof body?.resuming === "boolean") session.resuming = body.resuming;
        if (typeof body?.timeout === "number") session.timeoutSeconds = body.timeout;
        return [200, { resuming: session.resuming, timeout: session.timeoutSeconds }];
      }
      if (isPlayers && !guildId && method === "GET") {
        return [200, [...session.players.values()].map((p) => p.toJson(clock.now()))];
      }
      if (guildId && method === "GET") {
        const player = session.players.get(guildId);
        if (!player) throw new HttpError(404, "Player not found");
        return [200, player.toJson(clock.now())];
      }
      if (guildId && method === "PATCH") {
        const noReplace = url.searchParams.get("noReplace") === "true";
        return [200, patchPlayer(session, guildId, body ?? {}, noReplace)];
      }
      if (guildId && method === "DELETE") {
        const player = session.players.get(guildId);
        if (player) player.stop();
        session.players.delete(guildId);
        return [204, null];
      }
    }
    throw new HttpError(404, "Not Found");
  };

  const server = createServer((request, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://sim");
    void (async () => {
      let status = 500;
      let payload: unknown = null;
      let body: Record<string, unknown> | null = null;
      try {
        body = await readBody(request);
        if (url.pathname === "/v4/loadtracks") {
          const identifier = url.searchParams.get("identifier") ?? "";
          for (const hold of holds) if (hold.match(identifier)) await hold.released;
        }
        [status, payload] = route(request, url, body);
      } catch (error) {
        status = error instanceof HttpError ? error.status : 500;
        payload = {
          timestamp: clock.now(),
          status,
          error: status === 400 ? "Bad Request" : status === 404 ? "Not Found" : "Error",
          message: error instanceof Error ? error.message : String(error),
          path: url.pathname,
        };
      }
      record({
        kind: "rest",
        method: request.method ?? "GET",
        path: `${url.pathname}${url.search}`,
        body,
        status,
        sessionId: /^\/v4\/sessions\/([^/]+)/.exec(url.pathname)?.[1],
      });
      if (status === 204) {
        response.writeHead(204).end();
        return;
      }
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    })();
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    const url = new URL(request.url ?? "/", "http://sim");
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== "/v4/websocket") return reject(404, "Not Found");
    if (refusing) return reject(503, "Service Unavailable");
    if (request.headers.authorization !== password) return reject(401, "Unauthorized");
    const userId = request.headers["user-id"];
    if (typeof userId !== "string" || !/^\d{17,20}$/.test(userId))
      return reject(400, "Bad Request");
    wss.handleUpgrade(request, socket, head, (ws) => {
      const wanted = request.headers["session-id"];
      let session = typeof wanted === "string" ? sessions.get(wanted) : undefined;
      const resumed = Boolean(session?.resuming && !session.socket);
      if (!resumed || !session) {
        session = new SimSession(randomBytes(8).toString("hex"), userId);
        sessions.set(session.id, session);
      }
      if (session.expiry) clearTimeout(session.expiry);
      session.expiry = null;
      session.socket = ws;
      record({
        kind: "ws-open",
        sessionId: session.id,
        headers: {
          "user-id": userId,
          "client-name": request.headers["client-name"] as string | undefined,
          "session-id": typeof wanted === "string" ? wanted : undefined,
        },
      });
      const current = session;
      current.send({ op: "ready", resumed, sessionId: current.id });
      for (const text of current.queued.splice(0)) ws.send(text);
      current.send({ op: "stats", ...stats() });
      const statsTimer = setInterval(
        () => current.send({ op: "stats", ...stats() }),
        STATS_INTERVAL_MS,
      );
      statsTimer.unref();
      ws.on("close", () => {
        clearInterval(statsTimer);
        if (current.socket !== ws) return;
        current.socket = null;
        record({ kind: "ws-close", sessionId: current.id });
        if (!current.resuming) {
          for (const player of current.players.values()) player.stop();
          sessions.delete(current.id);
          return;
        }
        current.expiry = setTimeout(() => {
          sessions.delete(current.id);
        }, current.timeoutSeconds * 1000);
        current.expiry.unref();
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const ticker = options.tickMs ? setInterval(tick, options.tickMs) : null;
  ticker?.unref();

  return {
    port,
    catalog,
    sessions,
    nodeUrl: (name) => `http://${name}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    playersOf: (guildId) =>
      [...sessions.values()].flatMap((s) => {
        const player = s.players.get(guildId);
        return player ? [player] : [];
      }),
    tick,
    dropSockets() {
      for (const client of wss.clients) client.terminate();
    },
    refuseConnections(refuse) {
      refusing = refuse;
    },
    holdLoads(match) {
      let release: () => void = () => {};
      const hold = { match, released: new Promise<void>((resolve) => (release = resolve)) };
      holds.add(hold);
      return () => {
        holds.delete(hold);
        release();
      };
    },
    async close() {
      if (ticker) clearInterval(ticker);
      for (const session of sessions.values()) if (session.expiry) clearTimeout(session.expiry);
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { WebSocket };
