/** Who is asking, and where everyone is. */
export interface ControlSituation {
  /** The voice channel the bot is in (or is joining), null when it is in none. */
  botChannelId: string | null;
  /** The user's voice channel, null when not in voice. */
  userChannelId: string | null;
  canManageGuild: boolean;
  /** Whether the bot is playing or has a queue (a busy bot is not moved by `play`). */
  busy: boolean;
}

/** A refusal, in words for the user. */
export type Refusal = { ok: false; reason: string };

const channel = (id: string) => `<#${id}>`;

/**
 * `/music play`: the user must be in a voice channel; a busy bot in another channel is not
 * pulled away, whoever asks.
 */
export function mayPlay(s: ControlSituation): { ok: true; channelId: string } | Refusal {
  if (!s.userChannelId) return { ok: false, reason: "Join a voice channel first." };
  if (s.busy && s.botChannelId && s.botChannelId !== s.userChannelId) {
    return {
      ok: false,
      reason: `I'm already playing in ${channel(s.botChannelId)}. Join that channel, or wait until the queue ends.`,
    };
  }
  return { ok: true, channelId: s.userChannelId };
}

/**
 * Controls (pause, skip, seek, volume, loop, stop, leave): members in the bot's channel, and
 * anyone with Manage Server.
 */
export function mayControl(s: ControlSituation): { ok: true } | Refusal {
  if (!s.botChannelId) return { ok: false, reason: "I'm not playing anything right now." };
  if (s.canManageGuild || s.userChannelId === s.botChannelId) return { ok: true };
  return {
    ok: false,
    reason: `Only members in ${channel(s.botChannelId)} (or with Manage Server) can control the music.`,
  };
}
