import type { AttachmentJson } from "../discord-sim/index.ts";
import type { GuildSummary, InvokerContext } from "./view.ts";

type Message = Record<string, unknown> & { id: string };

/**
 * `npm run interact`'s side of the local stand-in: it plays Discord's part (issuing the
 * interaction token, seeing the HTTP answer) and reads the simulated guild. Every call
 * tolerates a bot without the stand-in (real Discord configured): it then does nothing.
 */
export class StandInClient {
  constructor(private readonly base: string) {}

  #url(path: string) {
    return `${this.base}/_local/discord${path}`;
  }

  async #json<T>(path: string, init?: RequestInit): Promise<T | undefined> {
    const response = await fetch(this.#url(path), init);
    if (!response.ok) return undefined;
    return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  }

  #send(method: string, body: unknown): RequestInit {
    return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  }

  /** The simulated guild seen by `userId` from `channel`; undefined when not simulated. */
  context(guildId: string, userId: string, channel?: string): Promise<InvokerContext | undefined> {
    const query = new URLSearchParams({ guild: guildId, user: userId });
    if (channel) query.set("channel", channel);
    return this.#json(`/context?${query}`);
  }

  /** Registers an interaction's token, as Discord does before sending it. */
  async issue(token: string, channelId: string): Promise<void> {
    await this.#json("/interactions", this.#send("POST", { token, channel_id: channelId }));
  }

  /** Reports the bot's HTTP answer, as Discord sees it. */
  async answered(token: string, response: unknown): Promise<void> {
    await this.#json(`/interactions/${token}/response`, this.#send("POST", response));
  }

  /** What the bot sent through the token, once its background work has settled. */
  async sent(token: string): Promise<{ original: Message | null; followups: Message[] }> {
    return (await this.#json(`/interactions/${token}`)) ?? { original: null, followups: [] };
  }

  /** What the bot has sent through the token so far, without waiting for it to finish. */
  async sentSoFar(token: string): Promise<{ original: Message | null; followups: Message[] }> {
    return (await this.#json(`/interactions/${token}?live=1`)) ?? { original: null, followups: [] };
  }

  /** Puts a file on the stand-in's CDN, as a member's upload; undefined without the stand-in. */
  attach(filename: string, bytes: Uint8Array): Promise<AttachmentJson | undefined> {
    const base64 = Buffer.from(bytes).toString("base64");
    return this.#json("/attachments", this.#send("POST", { filename, base64 }));
  }

  state(guildId: string): Promise<GuildSummary | undefined> {
    return this.#json(`/state?guild=${guildId}`);
  }

  async reset(): Promise<boolean> {
    const response = await fetch(this.#url("/reset"), { method: "POST" });
    return response.ok;
  }

  async setVoice(guildId: string, userId: string, channelId: string | null): Promise<string> {
    const response = await fetch(
      this.#url(`/voice-states/${userId}?guild=${guildId}`),
      this.#send("PUT", { channel_id: channelId }),
    );
    return response.ok ? "" : (((await response.json()) as { error?: string }).error ?? "failed");
  }
}
