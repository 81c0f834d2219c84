import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import {
  type AudioService,
  AudioUnavailableError,
  type VoiceGateway,
} from "../../src/ports/index.ts";
import { VERSION } from "../../src/version.ts";
import type { VoiceNodeMetrics } from "./metrics.ts";

/** What the voice-node's HTTP side reads. */
export interface VoiceNodeHttpSources {
  gateway: VoiceGateway;
  audio: AudioService;
  metrics: VoiceNodeMetrics;
  worker: () => "running" | "stopped";
  adminSecret?: string;
  searchSecret?: string;
  defaultSearch: string;
}

function bearerMatches(header: string | undefined, secret: string | undefined): boolean {
  if (!secret || !header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice("Bearer ".length));
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * `GET /health` (gateway, Lavalink nodes, worker, players), `GET /metrics` (admin bearer) and
 * `GET /search?q=` (VOICE_NODE_SECRET bearer, for the edge's autocomplete).
 */
export function voiceNodeHttp(sources: VoiceNodeHttpSources): Hono {
  const app = new Hono();
  app.get("/health", (c) => {
    const gateway = sources.gateway.status();
    const nodes = sources.audio.nodes().map(({ name, up }) => ({ name, up }));
    const worker = sources.worker();
    const healthy = gateway === "connected" && nodes.some((n) => n.up) && worker === "running";
    c.header("Cache-Control", "no-store");
    return c.json({
      status: healthy ? "ok" : "degraded",
      gateway,
      lavalink: nodes,
      worker,
      players: sources.audio.playerCounts(),
      version: VERSION,
    });
  });
  app.get("/metrics", async (c) => {
    if (!bearerMatches(c.req.header("authorization"), sources.adminSecret)) {
      return c.json({ error: "unauthorized" }, 401);
    }
    return c.text(await sources.metrics.text(), 200, {
      "content-type": sources.metrics.registry.contentType,
    });
  });
  app.get("/search", async (c) => {
    if (!bearerMatches(c.req.header("authorization"), sources.searchSecret)) {
      return c.json({ error: "unauthorized" }, 401);
    }
    const q = (c.req.query("q") ?? "").trim();
    if (!q || q.length > 500) return c.json({ error: "q must be 1–500 characters" }, 400);
    try {
      const loaded = await sources.audio.load(
        /^https?:\/\//i.test(q) ? q : `${sources.defaultSearch}:${q}`,
      );
      const tracks = "tracks" in loaded ? loaded.tracks : [];
      return c.json({
        tracks: tracks
          .slice(0, 25)
          .map((t) => ({ title: t.title, author: t.author, uri: t.uri, lengthMs: t.lengthMs })),
      });
    } catch (error) {
      if (error instanceof AudioUnavailableError)
        return c.json({ error: "audio server unavailable" }, 503);
      throw error;
    }
  });
  app.notFound((c) => c.json({ error: "not found" }, 404));
  return app;
}
