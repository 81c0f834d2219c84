import type { SimState } from "../discord-sim/state.ts";
import type { SimVoiceState, VoiceWorld } from "./world.ts";

/**
 * The simulated Discord's state as the gateway sees it: the same guilds and voice states the
 * REST side answers `GET /guilds/{g}/voice-states/{u}` from.
 */
export function simVoiceWorld(state: SimState): VoiceWorld {
  const toState = (
    userId: string,
    record: { channelId: string; sessionId: string; selfDeaf: boolean; selfMute: boolean },
  ): SimVoiceState => ({
    userId,
    channelId: record.channelId,
    sessionId: record.sessionId,
    selfDeaf: record.selfDeaf,
    selfMute: record.selfMute,
  });
  return {
    guildIds: () => [...state.guilds.keys()],
    guild(guildId) {
      const guild = state.guilds.get(guildId);
      if (!guild) return undefined;
      return {
        id: guild.id,
        name: guild.name,
        channels: guild.channelIds.flatMap((id) => {
          const channel = state.channels.get(id);
          return channel ? [{ id, type: channel.seed.type, name: channel.seed.name ?? id }] : [];
        }),
      };
    },
    voiceStates: (guildId) =>
      [...(state.voiceStates.get(guildId) ?? new Map())].map(([userId, record]) =>
        toState(userId, record),
      ),
    setVoiceState(guildId, userId, channelId, flags = {}) {
      state.setVoiceState(guildId, userId, channelId);
      const record = state.voiceStates.get(guildId)?.get(userId);
      if (!record) return null;
      if (flags.sessionId) record.sessionId = flags.sessionId;
      if (flags.selfDeaf !== undefined) record.selfDeaf = flags.selfDeaf;
      if (flags.selfMute !== undefined) record.selfMute = flags.selfMute;
      return toState(userId, record);
    },
  };
}
