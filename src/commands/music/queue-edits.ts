import { reply } from "../../interactions/index.ts";
import type { ChatInputContext, HandlerResult } from "../../interactions/types.ts";
import { checkMusicAccess } from "../../music/access.ts";
import {
  clearQueue,
  moveInQueue,
  removeFromQueue,
  shuffleQueue,
  unshuffleQueue,
} from "../../music/queue-edits.ts";
import { musicNotice, quietly, trackLine } from "../../music/views.ts";
import { readPlace } from "./inputs.ts";

const by = (ctx: ChatInputContext) => `<@${ctx.user.id}>`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `/music shuffle`: snapshot the order (for unshuffle), then shuffle what waits. */
export async function shuffle(ctx: ChatInputContext): Promise<HandlerResult> {
  const { guildId } = await checkMusicAccess(ctx, "control");
  const result = await shuffleQueue(ctx.deps, guildId);
  const undo = result.undoable
    ? "`/music unshuffle` puts them back."
    : "Undo is unavailable right now (the cache is down), so this one can't be reversed.";
  return reply(
    quietly(musicNotice("🔀 Shuffled", `${plural(result.count, "track")} by ${by(ctx)}. ${undo}`)),
  );
}

/** `/music unshuffle`: the order from before the last shuffle. */
export async function unshuffle(ctx: ChatInputContext): Promise<HandlerResult> {
  const { guildId } = await checkMusicAccess(ctx, "control");
  const r = await unshuffleQueue(ctx.deps, guildId);
  const notes = [
    r.gone > 0
      ? `${plural(r.gone, "track")} played or removed since ${r.gone === 1 ? "is" : "are"} gone`
      : "",
    r.added > 0 ? `${plural(r.added, "track")} added since stay at the end` : "",
  ].filter(Boolean);
  return reply(
    quietly(
      musicNotice(
        "↩️ Unshuffled",
        `Restored the order of ${plural(r.restored, "track")} from before the last shuffle, by ${by(ctx)}.` +
          (notes.length ? `\n${notes.join("; ")}.` : "") +
          (r.left > 0 ? `\n${plural(r.left, "older shuffle")} can still be undone.` : ""),
      ),
    ),
  );
}

/** `/music remove position:<n> [to:<m>]`. */
export async function remove(ctx: ChatInputContext): Promise<HandlerResult> {
  const from = readPlace(ctx, "position");
  const to = readPlace(ctx, "to", true);
  const { guildId } = await checkMusicAccess(ctx, "control");
  const removed = await removeFromQueue(ctx.deps, guildId, from, to);
  const text =
    removed.length === 1 && removed[0]
      ? `${trackLine(removed[0])} (#${from}), by ${by(ctx)}.`
      : `${plural(removed.length, "track")} (#${from}–#${to ?? from}), by ${by(ctx)}.`;
  return reply(quietly(musicNotice("🗑 Removed", text)));
}

/** `/music move from:<n> to:<m>`. */
export async function move(ctx: ChatInputContext): Promise<HandlerResult> {
  const from = readPlace(ctx, "from");
  const to = readPlace(ctx, "to");
  const { guildId } = await checkMusicAccess(ctx, "control");
  const entry = await moveInQueue(ctx.deps, guildId, from, to);
  return reply(
    quietly(musicNotice("↕️ Moved", `${trackLine(entry)} from #${from} to #${to}, by ${by(ctx)}.`)),
  );
}

/** `/music clear`: everything after the current track. */
export async function clear(ctx: ChatInputContext): Promise<HandlerResult> {
  const { guildId } = await checkMusicAccess(ctx, "control");
  const removed = await clearQueue(ctx.deps, guildId);
  return reply(
    quietly(
      musicNotice(
        "🧹 Cleared",
        `Removed ${plural(removed, "upcoming track")}, by ${by(ctx)}. The current track keeps playing.`,
      ),
    ),
  );
}
