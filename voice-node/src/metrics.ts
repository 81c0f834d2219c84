import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { type MusicNodeMetrics, VOICE_NODE_SPEECH_OUTCOMES } from "../../src/music/node/index.ts";
import type { AudioService, VoiceGateway } from "../../src/ports/index.ts";

/** The voice-node's Prometheus metrics (prom-client), gauges read at scrape time. */
export class VoiceNodeMetrics implements MusicNodeMetrics {
  readonly registry = new Registry();
  private readonly pickup: Histogram<"task">;
  private readonly jobs: Counter<"action" | "outcome">;
  private readonly exceptions: Counter;
  private readonly uploaded: Counter<"outcome">;
  private readonly voiceLlm: Counter<"outcome">;

  constructor(sources: { audio: () => AudioService | null; gateway: () => VoiceGateway | null }) {
    const registers = [this.registry];
    new Gauge({
      name: "chopsticks_voice_players",
      help: "Players this voice-node holds.",
      registers,
      collect() {
        this.set(sources.audio()?.playerCounts().players ?? 0);
      },
    });
    new Gauge({
      name: "chopsticks_voice_players_playing",
      help: "Players with a track playing (not paused).",
      registers,
      collect() {
        this.set(sources.audio()?.playerCounts().playing ?? 0);
      },
    });
    new Gauge({
      name: "chopsticks_voice_lavalink_node_up",
      help: "1 when the Lavalink node is connected with a session.",
      labelNames: ["node"],
      registers,
      collect() {
        this.reset();
        for (const node of sources.audio()?.nodes() ?? [])
          this.set({ node: node.name }, node.up ? 1 : 0);
      },
    });
    new Gauge({
      name: "chopsticks_voice_lavalink_node_players",
      help: "Players this voice-node holds on each Lavalink node.",
      labelNames: ["node"],
      registers,
      collect() {
        this.reset();
        for (const node of sources.audio()?.nodes() ?? [])
          this.set({ node: node.name }, node.players);
      },
    });
    new Gauge({
      name: "chopsticks_voice_gateway_connected",
      help: "1 when the Discord gateway session is connected.",
      registers,
      collect() {
        this.set(sources.gateway()?.status() === "connected" ? 1 : 0);
      },
    });
    new Counter({
      name: "chopsticks_voice_gateway_reconnects_total",
      help: "Gateway reconnections since start.",
      registers,
      collect() {
        this.reset();
        this.inc(sources.gateway()?.reconnects() ?? 0);
      },
    });
    this.pickup = new Histogram({
      name: "chopsticks_voice_job_pickup_seconds",
      help: "Delay from a job becoming runnable to the voice-node picking it up.",
      labelNames: ["task"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.jobs = new Counter({
      name: "chopsticks_voice_jobs_total",
      help: "Music jobs run, by action and outcome.",
      labelNames: ["action", "outcome"],
      registers,
    });
    this.uploaded = new Counter({
      name: "chopsticks_voice_playlist_entries_total",
      help: "Entries of uploaded playlists resolved, found or not.",
      labelNames: ["outcome"],
      registers,
    });
    this.voiceLlm = new Counter({
      name: "chopsticks_voice_llm_requests_total",
      help: "/ai voice answers the voice-node was asked to speak, by outcome (ok: spoken or queued after the current track).",
      labelNames: ["outcome"],
      registers,
    });
    for (const outcome of VOICE_NODE_SPEECH_OUTCOMES) this.voiceLlm.inc({ outcome }, 0);
    this.exceptions = new Counter({
      name: "chopsticks_voice_track_exceptions_total",
      help: "Tracks that failed or got stuck while playing.",
      registers,
    });
  }

  uploadEntries(found: number, notFound: number): void {
    if (found > 0) this.uploaded.inc({ outcome: "found" }, found);
    if (notFound > 0) this.uploaded.inc({ outcome: "not_found" }, notFound);
  }

  jobPickup(task: string, latencyMs: number): void {
    this.pickup.observe({ task }, latencyMs / 1000);
  }

  jobDone(action: string, outcome: "ok" | "refused" | "dropped" | "error"): void {
    this.jobs.inc({ action, outcome });
  }

  voiceLlmRequest(outcome: string): void {
    this.voiceLlm.inc({ outcome });
  }

  trackException(): void {
    this.exceptions.inc();
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
