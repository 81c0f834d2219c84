import * as z from "zod/mini";
import { SPEECH_SCHEME } from "../ai/speech.ts";
import { FILTER_PRESETS } from "./filters.ts";
import { LOOP_MODES } from "./job.ts";
import { MAX_QUERY_LENGTH, VOLUME_RANGE } from "./limits.ts";

/** 2000 characters URL-encoded (up to 9 bytes each) and a voice option. */
const SPEECH_IDENTIFIER_MAX_CHARS = 20_000;

const snowflake = z.string().check(z.regex(/^\d{17,20}$/));

const action = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("play"),
    query: z.string().check(z.minLength(1), z.maxLength(MAX_QUERY_LENGTH)),
  }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("skip") }),
  z.object({ type: z.literal("stop") }),
  z.object({ type: z.literal("leave") }),
  z.object({ type: z.literal("seek"), positionMs: z.number().check(z.int(), z.minimum(0)) }),
  z.object({
    type: z.literal("volume"),
    level: z.number().check(z.int(), z.minimum(VOLUME_RANGE.min), z.maximum(VOLUME_RANGE.max)),
  }),
  z.object({ type: z.literal("loop"), mode: z.enum(LOOP_MODES) }),
  z.object({ type: z.literal("filter"), preset: z.enum(FILTER_PRESETS) }),
  z.object({ type: z.literal("stay"), on: z.boolean() }),
  z.object({ type: z.literal("autoplay"), on: z.boolean() }),
  z.object({
    type: z.literal("playlist_load"),
    playlistId: z.number().check(z.int(), z.positive()),
    /** The name as the user picked it, for the answer if it was deleted meanwhile. */
    name: z.string().check(z.maxLength(100)),
  }),
  z.object({
    /** `/ai voice`: speak an answer (a TTS identifier, `ftts://…`) right after the current track. */
    type: z.literal("speak"),
    identifier: z.string().check(
      z.maxLength(SPEECH_IDENTIFIER_MAX_CHARS),
      z.refine((value) => value.startsWith(SPEECH_SCHEME) && value.length > SPEECH_SCHEME.length),
    ),
  }),
  z.object({
    type: z.literal("playlist_upload"),
    uploadId: z.number().check(z.int(), z.positive()),
  }),
]);

/**
 * The contract between the edge and the voice-node (version 1). A job that answers an
 * interaction carries its token; the voice-node edits the original response with the outcome.
 */
export const musicJobSchema = z.object({
  v: z.literal(1),
  guildId: snowflake,
  userId: snowflake,
  /** Where the command was used: messages that outlive the token go here. */
  textChannelId: snowflake,
  /** The user's voice channel as the edge saw it (`GET /guilds/{g}/voice-states/{u}`). */
  userVoiceChannelId: z.nullable(snowflake),
  /** Whether the member has MANAGE_GUILD (may control the player from anywhere). */
  canManageGuild: z.boolean(),
  /** The member's roles (the DJ rule); absent in jobs from before the DJ role existed. */
  memberRoleIds: z.optional(z.array(snowflake).check(z.maxLength(250))),
  /**
   * The queue entry a now-playing button was aimed at: the voice-node refuses the control when
   * another track is current by then, so a press on an old message changes nothing.
   */
  entryId: z.optional(z.number().check(z.int(), z.positive())),
  action,
  interaction: z.nullable(
    z.object({
      applicationId: snowflake,
      token: z.string().check(z.minLength(1), z.maxLength(1000)),
      /** When the edge received it (ms since 1970). */
      receivedAt: z.number(),
    }),
  ),
});

export type MusicJob = z.infer<typeof musicJobSchema>;
export type MusicAction = MusicJob["action"];
export type MusicActionType = MusicAction["type"];

/** Parses a job payload; a malformed one yields the first problem, to be logged and dropped. */
export function parseMusicJob(
  payload: unknown,
): { ok: true; job: MusicJob } | { ok: false; problem: string } {
  const result = musicJobSchema.safeParse(payload);
  if (result.success) return { ok: true, job: result.data };
  const issue = result.error.issues[0];
  return {
    ok: false,
    problem: `${issue?.path.join(".") || "payload"}: ${issue?.message ?? "invalid"}`,
  };
}
