import type { APIInteraction } from "discord-api-types/v10";
import { LOOP_MODES, type LoopMode, type MusicAction } from "../../domain/music/job.ts";
import { MAX_QUERY_LENGTH, VOLUME_RANGE } from "../../domain/music/limits.ts";
import { parsePosition } from "../../domain/music/time.ts";
import {
  defineCommand,
  ephemeral,
  handOff,
  reply,
  UserError,
  updateMessage,
} from "../../interactions/index.ts";
import type { BaseContext, ChatInputContext, HandlerResult } from "../../interactions/types.ts";
import { enqueueMusicJob } from "../../music/enqueue.ts";
import { nowPlayingMessage, queueMessage } from "../../music/queue-view.ts";
import { prepareMusicJob } from "../../music/request.ts";
import { searchSuggestions } from "../../music/search-suggestions.ts";
import { musicDefinition } from "./definition.ts";

/** Checks before deferring, then hands the job to the voice-node, which edits the reply. */
async function viaVoiceNode(
  ctx: BaseContext<APIInteraction & { token: string }>,
  action: MusicAction,
): Promise<HandlerResult> {
  const job = await prepareMusicJob(ctx, action);
  return handOff(() => enqueueMusicJob(ctx.deps.jobs, job, ctx.deps.config.VOICE_SHARD_COUNT));
}

function readQuery(ctx: ChatInputContext): string {
  const query = ctx.options.require("query", "string").trim();
  if (!query) throw new UserError("Tell me what to play: a search or a URL.", "Empty query");
  if (query.length > MAX_QUERY_LENGTH) {
    throw new UserError(
      `That query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`,
      "Query too long",
    );
  }
  return query;
}

function readPosition(ctx: ChatInputContext): number {
  const text = ctx.options.require("position", "string");
  const positionMs = parsePosition(text);
  if (positionMs === null) {
    throw new UserError(
      `\`${text.slice(0, 20)}\` is not a position: use 1:23 or 83 (seconds).`,
      "Bad position",
    );
  }
  return positionMs;
}

function readVolume(ctx: ChatInputContext): number {
  const level = ctx.options.require("level", "integer");
  if (level < VOLUME_RANGE.min || level > VOLUME_RANGE.max) {
    throw new UserError(
      `The volume goes from ${VOLUME_RANGE.min} to ${VOLUME_RANGE.max}%.`,
      "Volume out of range",
    );
  }
  return level;
}

function readLoop(ctx: ChatInputContext): LoopMode {
  const mode = ctx.options.require("mode", "string");
  if (!(LOOP_MODES as readonly string[]).includes(mode))
    throw new UserError("Loop mode is off, track or queue.", "Bad loop mode");
  return mode as LoopMode;
}

const guildOf = (ctx: { guildId: string | null }) => {
  if (!ctx.guildId) throw new UserError("Music only works inside a server.", "Server only");
  return ctx.guildId;
};

/** `/music`: play, the controls, now playing and the queue. */
export const music = defineCommand({
  name: "music",
  bucket: "music",
  deferEphemeral: false,
  definitions: [musicDefinition],
  subcommands: {
    play: (ctx) => viaVoiceNode(ctx, { type: "play", query: readQuery(ctx) }),
    pause: (ctx) => viaVoiceNode(ctx, { type: "pause" }),
    resume: (ctx) => viaVoiceNode(ctx, { type: "resume" }),
    skip: (ctx) => viaVoiceNode(ctx, { type: "skip" }),
    stop: (ctx) => viaVoiceNode(ctx, { type: "stop" }),
    leave: (ctx) => viaVoiceNode(ctx, { type: "leave" }),
    seek: (ctx) => viaVoiceNode(ctx, { type: "seek", positionMs: readPosition(ctx) }),
    volume: (ctx) => viaVoiceNode(ctx, { type: "volume", level: readVolume(ctx) }),
    loop: (ctx) => viaVoiceNode(ctx, { type: "loop", mode: readLoop(ctx) }),
    async nowplaying(ctx) {
      const body = await nowPlayingMessage(ctx.deps.db, guildOf(ctx), ctx.deps.clock.now());
      return body
        ? reply(body)
        : ephemeral({ content: "Nothing is playing right now. Start with `/music play`." });
    },
    async queue(ctx) {
      return reply(await queueMessage(ctx.deps.db, guildOf(ctx), 0, ctx.deps.clock.now()));
    },
  },
  async autocomplete(ctx) {
    if (ctx.subcommand !== "play" || ctx.focused.name !== "query") return [];
    return searchSuggestions(ctx.deps, ctx.focused.value);
  },
  components: {
    async queue(ctx) {
      const page = Number.parseInt(ctx.args[0] ?? "0", 10);
      return updateMessage(
        await queueMessage(
          ctx.deps.db,
          guildOf(ctx),
          Number.isFinite(page) ? page : 0,
          ctx.deps.clock.now(),
        ),
      );
    },
  },
});
