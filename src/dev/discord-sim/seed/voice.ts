import type { PlaygroundSeed } from "./types.ts";

/** A voice channel with you in it, for commands that ask where the user is (music). */
export const voiceSeed: PlaygroundSeed = {
  name: "voice",
  apply(state, ids) {
    state.addChannel(ids.guildId, {
      id: ids.channels.lounge,
      type: 2,
      name: "Lounge",
      position: 8,
      permission_overwrites: [],
    });
    state.setVoiceState(ids.guildId, ids.userId, ids.channels.lounge);
    state.setVoiceState(ids.guildId, "200000000000000012", ids.channels.lounge);
  },
};
