import { ApplicationIntegrationType, InteractionContextType } from "discord-api-types/v10";
import { redisConfigured } from "../config.ts";
import { COLORS, defineCommand, embed, ephemeral } from "../interactions/index.ts";
import { withTimeout } from "../platform/timeout.ts";

const PROBE_BUDGET_MS = 1000;

async function measure(probe: () => Promise<number>): Promise<string> {
  try {
    return `${Math.round(await withTimeout(probe(), PROBE_BUDGET_MS, "probe"))} ms`;
  } catch (error) {
    return error instanceof Error && error.name === "TimeoutError" ? "timed out" : "unreachable";
  }
}

/** `/ping`: is the bot alive, and how far are its database and cache? */
export const ping = defineCommand({
  name: "ping",
  bucket: "default",
  worksInDMs: true,
  definitions: [
    {
      name: "ping",
      description: "Check that the bot is up and how quickly it reaches its database and cache",
      integration_types: [ApplicationIntegrationType.GuildInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    },
  ],
  async chatInput({ deps }) {
    const hasRedis = redisConfigured(deps.config);
    const [db, redis] = await Promise.all([
      measure(() => deps.dbProbe.ping()),
      hasRedis
        ? measure(() => deps.store.ping())
        : Promise.resolve("not configured (in-memory cache)"),
    ]);
    const healthy = !/unreachable|timed out/.test(`${db} ${redis}`);
    return ephemeral({
      embeds: [
        embed(
          "🏓 Pong",
          healthy ? "Everything answers." : "Something is slow or down.",
          healthy ? COLORS.success : COLORS.warning,
          {
            fields: [
              { name: "Postgres", value: db, inline: true },
              { name: "Redis", value: redis, inline: true },
            ],
          },
        ),
      ],
    });
  },
});
