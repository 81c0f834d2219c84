/** A member's voice connection as the gateway reports it. */
export interface SimVoiceState {
  userId: string;
  channelId: string;
  sessionId: string;
  selfMute: boolean;
  selfDeaf: boolean;
}

/** A guild as GUILD_CREATE describes it (the parts a voice-states bot receives). */
export interface SimGuild {
  id: string;
  name: string;
  channels: { id: string; type: number; name: string }[];
}

/**
 * What the simulated gateway reads and changes: guilds and voice states. The simulated
 * Discord's shared state implements it, so REST and gateway agree on who is where.
 */
export interface VoiceWorld {
  guildIds(): string[];
  guild(guildId: string): SimGuild | undefined;
  voiceStates(guildId: string): SimVoiceState[];
  setVoiceState(
    guildId: string,
    userId: string,
    channelId: string | null,
    flags?: { sessionId?: string; selfDeaf?: boolean; selfMute?: boolean },
  ): SimVoiceState | null;
}

/** A {@link VoiceWorld} kept in memory (tests that need no REST side). */
export class MemoryVoiceWorld implements VoiceWorld {
  private readonly guilds = new Map<string, SimGuild>();
  private readonly states = new Map<string, Map<string, SimVoiceState>>();

  addGuild(guild: SimGuild): void {
    this.guilds.set(guild.id, guild);
  }

  guildIds(): string[] {
    return [...this.guilds.keys()];
  }

  guild(guildId: string): SimGuild | undefined {
    return this.guilds.get(guildId);
  }

  voiceStates(guildId: string): SimVoiceState[] {
    return [...(this.states.get(guildId)?.values() ?? [])];
  }

  setVoiceState(
    guildId: string,
    userId: string,
    channelId: string | null,
    flags: { sessionId?: string; selfDeaf?: boolean; selfMute?: boolean } = {},
  ): SimVoiceState | null {
    let states = this.states.get(guildId);
    if (!states) {
      states = new Map();
      this.states.set(guildId, states);
    }
    if (channelId === null) {
      states.delete(userId);
      return null;
    }
    const state: SimVoiceState = {
      userId,
      channelId,
      sessionId: flags.sessionId ?? `sim-${userId.slice(-6)}-${channelId.slice(-4)}`,
      selfDeaf: flags.selfDeaf ?? false,
      selfMute: flags.selfMute ?? false,
    };
    states.set(userId, state);
    return state;
  }
}
