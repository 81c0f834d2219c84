import type { Hono } from "hono";
import type { Logger } from "../ports/index.ts";
import {
  acknowledge,
  addAttachment,
  createSimulator,
  DiscordHttpError,
  PLAYGROUND,
  SIM_ROUTES,
  SimState,
} from "./discord-sim/index.ts";
import { PlaygroundStore } from "./playground/store.ts";
import { guildSummary, invokerContext } from "./playground/view.ts";

/** Where the stand-in is mounted; the bot's DISCORD_API_BASE points here in the playground. */
export const LOCAL_DISCORD_PATH = "/_local/discord";

/** The bot token of the playground: the bot's REST client and the stand-in share it. */
export const PLAYGROUND_BOT_TOKEN = "playground-bot-token";

/** Options of {@link mountLocalDiscord}. */
export interface LocalDiscordOptions {
  log: Logger;
  /** Resolves once the bot's post-response work has finished. */
  settled: () => Promise<void>;
  /** Where the simulated guild is kept (`discord-sim.json`). */
  dataDir: string;
  applicationId: string;
  /** Told when a member joins or leaves voice through `PUT …/voice-states/:user`. */
  onVoiceState?: (guildId: string, userId: string, channelId: string | null) => void;
}

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The playground's Discord: the simulated REST API (src/dev/discord-sim, the same model the
 * tests' fake Discord uses) with one seeded guild kept in `.data/`, plus the controls
 * `npm run interact` uses in Discord's place — issue an interaction token, report the HTTP
 * answer, read what the bot sent, describe the guild. Mounted only when no real Discord is
 * configured.
 */
export function mountLocalDiscord(app: Hono, options: LocalDiscordOptions): SimState {
  const state = new SimState();
  const store = new PlaygroundStore(options.dataDir, state, options.log);
  store.open();
  const identity = {
    applicationId: options.applicationId,
    botUserId: PLAYGROUND.botUserId,
    botUsername: "Chopsticks",
  };
  const simulator = createSimulator({
    routes: SIM_ROUTES,
    state,
    identity,
    botToken: PLAYGROUND_BOT_TOKEN,
    apiPath: `${LOCAL_DISCORD_PATH}/api`,
  });
  const at = (path: string) => `${LOCAL_DISCORD_PATH}${path}`;

  app.all(at("/api/*"), async (c) => {
    const response = await simulator.handle(c.req.raw);
    if (c.req.method !== "GET" && response.ok) store.save();
    return response;
  });

  app.post(at("/interactions"), async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    if (!isJsonObject(body) || typeof body.token !== "string" || body.token.length === 0)
      return c.json({ error: "expected {token, channel_id}" }, 400);
    state.issueInteraction(body.token, {
      now: Date.now(),
      channelId:
        typeof body.channel_id === "string" ? body.channel_id : PLAYGROUND.channels.general,
    });
    return c.body(null, 204);
  });

  // What the bot answered over HTTP, as Discord would see it.
  app.post(at("/interactions/:token/response"), async (c) => {
    const record = state.interactions.get(c.req.param("token") ?? "");
    if (!record) return c.json({ error: "unknown interaction token" }, 404);
    // A deferred edit can reach the stand-in before the answer does; the edit is newer.
    if (!record.acknowledged) {
      try {
        acknowledge(record, identity, await c.req.json());
      } catch (error) {
        if (!(error instanceof DiscordHttpError)) throw error;
        return c.json(error.body, error.status as 400);
      }
      store.save();
    }
    return c.body(null, 204);
  });

  // `?live=1` answers at once with what was sent so far (interact shows answers streaming).
  app.get(at("/interactions/:token"), async (c) => {
    if (!c.req.query("live")) await options.settled();
    return c.json(state.interactionMessages(c.req.param("token") ?? ""));
  });

  // The CDN: files attached to interactions, served by the simulator next to its API.
  app.get(at("/attachments/*"), (c) => simulator.handle(c.req.raw));

  // A file `interact` attaches (`file:<path>`), kept as the CDN keeps an upload.
  app.post(at("/attachments"), async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    if (
      !isJsonObject(body) ||
      typeof body.filename !== "string" ||
      body.filename.length === 0 ||
      typeof body.base64 !== "string"
    )
      return c.json({ error: "expected {filename, base64}" }, 400);
    const origin = new URL(c.req.url).origin;
    return c.json(
      addAttachment(state, `${origin}${LOCAL_DISCORD_PATH}`, {
        filename: body.filename,
        content: new Uint8Array(Buffer.from(body.base64, "base64")),
      }),
    );
  });

  app.get(at("/context"), (c) => {
    const context = invokerContext(state, {
      guildId: c.req.query("guild") ?? PLAYGROUND.guildId,
      userId: c.req.query("user") ?? PLAYGROUND.userId,
      botUserId: identity.botUserId,
      channel: c.req.query("channel"),
    });
    return context ? c.json(context) : c.json({ error: "not a simulated guild" }, 404);
  });

  app.get(at("/state"), (c) => {
    const summary = guildSummary(state, c.req.query("guild") ?? PLAYGROUND.guildId);
    return summary ? c.json(summary) : c.json({ error: "not a simulated guild" }, 404);
  });

  app.post(at("/reset"), (c) => {
    store.reset();
    options.log.info("playground.reset");
    return c.body(null, 204);
  });

  // Join or leave voice as a member (music commands look up where the user is).
  app.put(at("/voice-states/:user"), async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const channelId = isJsonObject(body) ? body.channel_id : undefined;
    const guildId = c.req.query("guild") ?? PLAYGROUND.guildId;
    const channel = typeof channelId === "string" ? state.channels.get(channelId) : undefined;
    const isVoice = channel?.seed.type === 2 && channel.guildId === guildId;
    if (channelId !== null && !isVoice)
      return c.json({ error: "channel_id must be a voice channel of the guild, or null" }, 400);
    const userId = c.req.param("user") ?? "";
    state.setVoiceState(guildId, userId, channel ? channel.seed.id : null);
    store.save();
    options.onVoiceState?.(guildId, userId, channel ? channel.seed.id : null);
    return c.body(null, 204);
  });
  return state;
}
