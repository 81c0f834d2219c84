import { defineCommand, ephemeral, reply, updateMessage } from "../../interactions/index.ts";
import type { ComponentContext } from "../../interactions/types.ts";
import { musicGuildOf } from "../../music/access.ts";
import { historyMessage } from "../../music/history-view.ts";
import { nowPlayingMessage, queueMessage } from "../../music/queue-view.ts";
import { searchSuggestions } from "../../music/search-suggestions.ts";
import { musicDefinition } from "./definition.ts";
import { readLoop, readPosition, readQuery, readVolume } from "./inputs.ts";
import { nowPlayingPress } from "./now-playing-buttons.ts";
import { clear, move, remove, shuffle, unshuffle } from "./queue-edits.ts";
import { announce, autoplay, filter, stay } from "./settings.ts";
import { viaVoiceNode } from "./via-voice-node.ts";

const pageOf = (ctx: ComponentContext) => {
  const page = Number.parseInt(ctx.args[0] ?? "0", 10);
  return Number.isFinite(page) ? page : 0;
};

/** `/music`: play, the controls, queue editing, settings, now playing, queue and history. */
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
    shuffle,
    unshuffle,
    remove,
    move,
    clear,
    filter,
    stay,
    autoplay,
    announce,
    async nowplaying(ctx) {
      const body = await nowPlayingMessage(ctx.deps.db, musicGuildOf(ctx), ctx.deps.clock.now());
      return body
        ? reply(body)
        : ephemeral({ content: "Nothing is playing right now. Start with `/music play`." });
    },
    async queue(ctx) {
      return reply(await queueMessage(ctx.deps.db, musicGuildOf(ctx), 0, ctx.deps.clock.now()));
    },
    async history(ctx) {
      return reply(await historyMessage(ctx.deps.db, musicGuildOf(ctx), 0));
    },
  },
  async autocomplete(ctx) {
    if (ctx.subcommand !== "play" || ctx.focused.name !== "query") return [];
    return searchSuggestions(ctx.deps, ctx.focused.value);
  },
  components: {
    async queue(ctx) {
      return updateMessage(
        await queueMessage(ctx.deps.db, musicGuildOf(ctx), pageOf(ctx), ctx.deps.clock.now()),
      );
    },
    async history(ctx) {
      return updateMessage(await historyMessage(ctx.deps.db, musicGuildOf(ctx), pageOf(ctx)));
    },
    np: nowPlayingPress,
  },
});
