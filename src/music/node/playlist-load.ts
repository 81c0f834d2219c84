import { findPlaylistById, playlistTracks } from "../../data/music/saved-playlists.ts";
import type { MusicAction, MusicJob } from "../../domain/music/job.ts";
import { MAX_QUEUE_LENGTH } from "../../domain/music/limits.ts";
import { AudioUnavailableError } from "../../ports/index.ts";
import { shownName } from "../playlists/views.ts";
import { musicNotice, trackLine } from "../views.ts";
import type { MusicNodeContext } from "./context.ts";
import { AUDIO_UNAVAILABLE, done, type Outcome, refuse } from "./outcome.ts";
import { admit, queueTracks } from "./queue-tracks.ts";

/**
 * `/playlist load`: appends a saved playlist to the guild's queue (up to its cap, the rest
 * reported as skipped) and starts playing when nothing plays. Its tracks are stored encoded,
 * so nothing is searched again.
 */
export async function loadPlaylist(
  ctx: MusicNodeContext,
  job: MusicJob,
  action: Extract<MusicAction, { type: "playlist_load" }>,
  userChannelId: string | null,
): Promise<Outcome> {
  const { guildId } = job;
  if (!ctx.audio.available()) return refuse(AUDIO_UNAVAILABLE);
  const request = { ...job, userChannelId };
  const allowed = await admit(ctx, request);
  if (!allowed.ok) return refuse(allowed.reason);
  const playlist = await findPlaylistById(ctx.db, guildId, action.playlistId);
  if (!playlist) {
    return refuse(
      `The playlist **${shownName(action.name)}** was deleted meanwhile.`,
      "No such playlist",
    );
  }
  const tracks = await playlistTracks(ctx.db, playlist.id);
  let queued: Awaited<ReturnType<typeof queueTracks>>;
  try {
    queued = await queueTracks(
      ctx,
      request,
      allowed.channelId,
      tracks.map((track) => ({ ...track, requestedBy: job.userId })),
    );
  } catch (error) {
    if (error instanceof AudioUnavailableError) return refuse(AUDIO_UNAVAILABLE);
    throw error;
  }
  const first = queued.added[0];
  if (!first) {
    return refuse(`The queue is full: it holds at most ${MAX_QUEUE_LENGTH} tracks.`, "Queue full");
  }
  const skipped =
    queued.skipped > 0
      ? `\n${queued.skipped} track(s) skipped: the queue holds at most ${MAX_QUEUE_LENGTH}.`
      : "";
  const where =
    queued.place === 0 ? `Now playing ${trackLine(first, 120)}.` : `From #${queued.place} on.`;
  return done({
    embeds: [
      musicNotice(
        "📂 Playlist loaded",
        `Queued **${queued.added.length}** track(s) from **${shownName(playlist.name)}**. ${where}${skipped}`,
      ),
    ],
  });
}
