import type { APIApplicationCommandOptionChoice, APIInteraction } from "discord-api-types/v10";
import { playlistNamesLike } from "../../data/music/saved-playlists.ts";
import { createUpload, setUploadStatus } from "../../data/music/uploads.ts";
import {
  defineCommand,
  handOff,
  reply,
  UserError,
  updateMessage,
} from "../../interactions/index.ts";
import type { BaseContext } from "../../interactions/types.ts";
import { enqueueMusicJob, enqueuePlaylistUpload } from "../../music/enqueue.ts";
import {
  type Asker,
  deleteNamed,
  listMessage,
  requirePlaylist,
  saveQueue,
} from "../../music/playlists/saved.ts";
import {
  checkOpenUploads,
  checkPlaylistAttachment,
  readPlaylistAttachment,
} from "../../music/playlists/upload.ts";
import { shownName } from "../../music/playlists/views.ts";
import { prepareMusicJob } from "../../music/request.ts";
import { musicNotice } from "../../music/views.ts";
import { playlistDefinition } from "./definition.ts";

const guildOf = (ctx: { guildId: string | null }) => {
  if (!ctx.guildId) throw new UserError("Playlists only work inside a server.", "Server only");
  return ctx.guildId;
};

const askerOf = (ctx: Pick<BaseContext<APIInteraction>, "guildId" | "user" | "member">): Asker => ({
  guildId: guildOf(ctx),
  userId: ctx.user.id,
  permissions: ctx.member?.permissions,
});

/** `/playlist`: saved playlists per server (save, load, list, delete) and file uploads. */
export const playlist = defineCommand({
  name: "playlist",
  bucket: "music",
  deferEphemeral: false,
  definitions: [playlistDefinition],
  subcommands: {
    async save(ctx) {
      const overwrite = ctx.options.get("overwrite", "boolean") ?? false;
      return reply(
        await saveQueue(ctx.deps, askerOf(ctx), ctx.options.require("name", "string"), overwrite),
      );
    },
    async load(ctx) {
      const found = await requirePlaylist(
        ctx.deps,
        guildOf(ctx),
        ctx.options.require("name", "string"),
      );
      const job = await prepareMusicJob(ctx, {
        type: "playlist_load",
        playlistId: found.id,
        name: found.name,
      });
      return handOff(() => enqueueMusicJob(ctx.deps.jobs, job, ctx.deps.config.VOICE_SHARD_COUNT));
    },
    async list(ctx) {
      return reply(await listMessage(ctx.deps, guildOf(ctx), 0));
    },
    async upload(ctx) {
      // Everything that can refuse runs before the answer, so a refusal stays private and
      // nothing is stored: the file's type and size, the voice checks, then its content.
      const file = ctx.options.require("file", "attachment");
      const format = checkPlaylistAttachment(file);
      const guildId = guildOf(ctx);
      await checkOpenUploads(ctx.deps, guildId);
      // The upload's id is known once it is stored; the checks depend only on the action type.
      const checked = await prepareMusicJob(ctx, { type: "playlist_upload", uploadId: 1 });
      const entries = await readPlaylistAttachment(ctx.deps, file, format);
      return handOff(async () => {
        const upload = await createUpload(ctx.deps.db, {
          guildId,
          userId: ctx.user.id,
          textChannelId: checked.textChannelId,
          filename: file.filename,
          entries,
        });
        const job = {
          ...checked,
          action: { type: "playlist_upload" as const, uploadId: upload.id },
        };
        try {
          await enqueuePlaylistUpload(ctx.deps.jobs, job, ctx.deps.config.VOICE_SHARD_COUNT);
        } catch (error) {
          // No job will ever run it: do not let it hold one of the server's upload slots.
          await setUploadStatus(ctx.deps.db, upload.id, "failed");
          throw error;
        }
      });
    },
    async delete(ctx) {
      const name = await deleteNamed(ctx.deps, askerOf(ctx), ctx.options.require("name", "string"));
      return reply({
        embeds: [musicNotice("🗑 Playlist deleted", `**${shownName(name)}** is gone.`)],
      });
    },
  },
  components: {
    async list(ctx) {
      const page = Number.parseInt(ctx.args[0] ?? "0", 10);
      return updateMessage(
        await listMessage(ctx.deps, guildOf(ctx), Number.isFinite(page) ? page : 0),
      );
    },
  },
  async autocomplete(ctx): Promise<APIApplicationCommandOptionChoice<string>[]> {
    if (ctx.focused.name !== "name" || !ctx.guildId) return [];
    const rows = await playlistNamesLike(ctx.deps.db, ctx.guildId, ctx.focused.value.trim(), 25);
    return rows.map((row) => ({ name: `${row.name} (${row.trackCount} tracks)`, value: row.name }));
  },
});
