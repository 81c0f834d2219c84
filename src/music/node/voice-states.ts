interface StateUpdate {
  guild_id?: string;
  user_id?: string;
  channel_id?: string | null;
  member?: { user?: { bot?: boolean } };
}

/**
 * Who is in which voice channel, from GUILD_CREATE and VOICE_STATE_UPDATE: the voice-node's
 * own view, fresher than anything the edge could ask.
 */
export class VoiceStateCache {
  private readonly guilds = new Map<string, Map<string, { channelId: string; bot: boolean }>>();
  /** Guilds whose full list arrived (GUILD_CREATE); a resumed session replays none. */
  private readonly complete = new Set<string>();

  /** Feeds one gateway dispatch; returns the guild whose voice states changed, if any. */
  apply(t: string | null | undefined, d: unknown): string | null {
    if (t === "GUILD_CREATE") {
      const guild = d as { id?: string; voice_states?: StateUpdate[] };
      if (!guild.id) return null;
      const states = new Map<string, { channelId: string; bot: boolean }>();
      for (const state of guild.voice_states ?? []) {
        if (state.user_id && state.channel_id) {
          states.set(state.user_id, {
            channelId: state.channel_id,
            bot: state.member?.user?.bot === true,
          });
        }
      }
      this.guilds.set(guild.id, states);
      this.complete.add(guild.id);
      return guild.id;
    }
    if (t === "GUILD_DELETE") {
      const id = (d as { id?: string }).id;
      if (id) {
        this.guilds.delete(id);
        this.complete.delete(id);
      }
      return id ?? null;
    }
    if (t !== "VOICE_STATE_UPDATE") return null;
    const update = d as StateUpdate;
    if (!update.guild_id || !update.user_id) return null;
    let states = this.guilds.get(update.guild_id);
    if (!states) {
      states = new Map();
      this.guilds.set(update.guild_id, states);
    }
    if (update.channel_id) {
      states.set(update.user_id, {
        channelId: update.channel_id,
        bot: update.member?.user?.bot === true,
      });
    } else {
      states.delete(update.user_id);
    }
    return update.guild_id;
  }

  /** The user's channel; undefined when this guild's states are not known (yet). */
  channelOf(guildId: string, userId: string): string | null | undefined {
    const states = this.guilds.get(guildId);
    if (!states || !this.complete.has(guildId)) return undefined;
    return states.get(userId)?.channelId ?? null;
  }

  /** People (not bots, not `exceptUserId`) in a channel; null when the guild is not known. */
  listenersIn(guildId: string, channelId: string, exceptUserId: string): number | null {
    if (!this.complete.has(guildId)) return null;
    let count = 0;
    for (const [userId, state] of this.guilds.get(guildId) ?? []) {
      if (state.channelId === channelId && userId !== exceptUserId && !state.bot) count++;
    }
    return count;
  }
}
