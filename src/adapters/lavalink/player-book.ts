import type { LavalinkManager, Player } from "lavalink-client";

/**
 * What this process knows about its players beyond lavalink-client's own objects: the track
 * each one holds (`current`), and the voice connection of players dropped with a lost or
 * dead node, reused when the guild gets a new player (Discord sends no new voice server
 * update for a channel the bot is already in).
 */
export class PlayerBook {
  /** The track each guild's player holds; null once it ended or stopped. */
  readonly current = new Map<string, string | null>();
  private readonly staleVoice = new Map<string, Player["voice"]>();

  constructor(private readonly manager: LavalinkManager) {}

  /** Drops this process's players on a node, keeping their voice data; returns their guilds. */
  forgetNode(nodeId: string): string[] {
    const forgotten: string[] = [];
    for (const player of [...this.manager.players.values()]) {
      if (player.node.id !== nodeId) continue;
      this.staleVoice.set(player.guildId, player.voice);
      this.manager.players.delete(player.guildId);
      this.current.delete(player.guildId);
      forgotten.push(player.guildId);
    }
    return forgotten;
  }

  /** The dropped player's voice data for the guild's new player, once and if complete. */
  takeStaleVoice(guildId: string): { voice?: Player["voice"] } {
    const voice = this.staleVoice.get(guildId);
    this.staleVoice.delete(guildId);
    return voice?.token && voice.endpoint && voice.sessionId && voice.channelId ? { voice } : {};
  }

  isPlaying(guildId: string): boolean {
    return Boolean(this.current.get(guildId));
  }

  /** Players held, and how many play (a track, not paused). */
  counts(): { players: number; playing: number } {
    let playing = 0;
    for (const player of this.manager.players.values()) {
      if (this.current.get(player.guildId) && !player.paused) playing++;
    }
    return { players: this.manager.players.size, playing };
  }
}
