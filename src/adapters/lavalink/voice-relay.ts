/** A raw gateway dispatch as the Lavalink client takes it. */
export interface VoiceDispatch {
  t: "VOICE_STATE_UPDATE" | "VOICE_SERVER_UPDATE";
  d: { guild_id?: string; user_id?: string; channel_id?: string | null; endpoint?: string | null };
}

/**
 * Orders the two voice updates for the Lavalink client. Discord promises no order between the
 * bot's VOICE_STATE_UPDATE and VOICE_SERVER_UPDATE, but lavalink-client sends nothing when the
 * server update comes first ("playing but no sound"): hold it until the state update passed.
 * A server update with `endpoint: null` means the voice server is being allocated; the next
 * one carries it.
 */
export class VoiceRelay {
  private readonly stateSeen = new Set<string>();
  private readonly heldServer = new Map<string, VoiceDispatch>();

  constructor(
    private readonly botUserId: string,
    private readonly forward: (dispatch: VoiceDispatch) => Promise<void>,
  ) {}

  /** A new join is starting: the next state update must come before any server update. */
  expectJoin(guildId: string): void {
    this.stateSeen.delete(guildId);
    this.heldServer.delete(guildId);
  }

  async relay(dispatch: VoiceDispatch): Promise<void> {
    const guildId = dispatch.d.guild_id;
    if (!guildId) return;
    if (dispatch.t === "VOICE_STATE_UPDATE") {
      if (dispatch.d.user_id !== this.botUserId) return;
      await this.forward(dispatch);
      if (!dispatch.d.channel_id) {
        this.expectJoin(guildId);
        return;
      }
      this.stateSeen.add(guildId);
      const held = this.heldServer.get(guildId);
      if (held) {
        this.heldServer.delete(guildId);
        await this.forward(held);
      }
      return;
    }
    if (!dispatch.d.endpoint) return;
    if (!this.stateSeen.has(guildId)) {
      this.heldServer.set(guildId, dispatch);
      return;
    }
    await this.forward(dispatch);
  }
}
