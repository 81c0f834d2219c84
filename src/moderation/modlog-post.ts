import { findCase, modlogChannel } from "../data/moderation/index.ts";
import type { Deps } from "../ports/index.ts";
import { caseEmbed } from "./case-view.ts";

/**
 * Posts a case to the guild's modlog channel after the response. A failure (channel gone,
 * permission removed) is logged: the case is already safe in Postgres.
 */
export function postCaseToModlog(deps: Deps, guildId: string, caseNumber: number): void {
  deps.background.run("moderation.modlog_post", async () => {
    const [channelId, found] = await Promise.all([
      modlogChannel(deps.db, guildId),
      findCase(deps.db, guildId, caseNumber),
    ]);
    if (!channelId || !found) return;
    await deps.discord.channels.createMessage(channelId, {
      embeds: [caseEmbed(found)],
      allowed_mentions: { parse: [] },
    });
  });
}
