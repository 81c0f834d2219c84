/** Who is asking, and where everyone is. */
export interface ControlSituation {
  /** The voice channel the bot is in (or is joining), null when it is in none. */
  botChannelId: string | null;
  /** The user's voice channel, null when not in voice. */
  userChannelId: string | null;
  canManageGuild: boolean;
  /** Whether the bot is playing or has a queue (a busy bot is not moved by `play`). */
  busy: boolean;
  /** Set when the guild has a DJ role. */
  dj?: DjSituation;
}

/** The DJ rule's inputs: the role, whether the member has it, who else listens. */
export interface DjSituation {
  roleId: string;
  hasRole: boolean;
  /** People in the bot's channel (the member included); null when unknown. */
  listeners: number | null;
}

/** A refusal, in words for the user. */
export type Refusal = { ok: false; reason: string };

const channel = (id: string) => `<#${id}>`;

/** `/music play`'s refusal to someone in no voice channel. */
export const JOIN_VOICE_FIRST = "Join a voice channel first.";

/**
 * `/music play`: the user must be in a voice channel; a busy bot in another channel is not
 * pulled away, whoever asks.
 */
export function mayPlay(s: ControlSituation): { ok: true; channelId: string } | Refusal {
  if (!s.userChannelId) return { ok: false, reason: JOIN_VOICE_FIRST };
  if (s.busy && s.botChannelId && s.botChannelId !== s.userChannelId) {
    return {
      ok: false,
      reason: `I'm already playing in ${channel(s.botChannelId)}. Join that channel, or wait until the queue ends.`,
    };
  }
  return { ok: true, channelId: s.userChannelId };
}

/**
 * Controls (pause, skip, seek, volume, loop, stop, leave, queue edits): members in the bot's
 * channel, and anyone with Manage Server. With a DJ role set, a member in the channel also
 * needs the role, unless nobody else is listening.
 */
export function mayControl(s: ControlSituation): { ok: true } | Refusal {
  if (!s.botChannelId) return { ok: false, reason: "I'm not playing anything right now." };
  if (s.canManageGuild) return { ok: true };
  if (s.userChannelId !== s.botChannelId) {
    return {
      ok: false,
      reason: `Only members in ${channel(s.botChannelId)} (or with Manage Server) can control the music.`,
    };
  }
  if (s.dj && !s.dj.hasRole && s.dj.listeners !== 1) {
    return {
      ok: false,
      reason: `This server has a DJ role: controlling the music needs <@&${s.dj.roleId}>, Manage Server, or being alone with me in ${channel(s.botChannelId)}.`,
    };
  }
  return { ok: true };
}

/**
 * Music settings that apply to the whole server (`/music announce`): Manage Server, or the DJ
 * role where one is set.
 */
export function mayConfigure(s: {
  canManageGuild: boolean;
  dj?: Pick<DjSituation, "roleId" | "hasRole">;
}): { ok: true } | Refusal {
  if (s.canManageGuild || s.dj?.hasRole) return { ok: true };
  return {
    ok: false,
    reason: s.dj
      ? `Changing this needs Manage Server or the DJ role <@&${s.dj.roleId}>.`
      : "Changing this needs Manage Server.",
  };
}
