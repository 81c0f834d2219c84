import type { Hono } from "hono";
import type { Logger } from "../ports/index.ts";

/** Where the stand-in is mounted; the bot's DISCORD_API_BASE points here in the playground. */
export const LOCAL_DISCORD_PATH = "/_local/discord";

interface StoredMessage {
  id: string;
  body: unknown;
}

interface InteractionLog {
  original: StoredMessage | null;
  followUps: StoredMessage[];
  deleted: boolean;
}

/**
 * A stand-in for Discord's interaction webhooks in the local playground: follow-ups the bot
 * sends "to Discord" are kept here and printed, and `npm run interact` reads them back once
 * the bot's background work has settled. Not a fake for tests (those live in test/support/).
 */
export function mountLocalDiscord(
  app: Hono,
  options: { log: Logger; settled: () => Promise<void> },
): void {
  const byToken = new Map<string, InteractionLog>();
  let nextId = 1n;
  const entry = (token: string) => {
    let log = byToken.get(token);
    if (!log) {
      log = { original: null, followUps: [], deleted: false };
      byToken.set(token, log);
    }
    return log;
  };
  const messageId = () => String(1_300_000_000_000_000_000n + nextId++);
  const base = `${LOCAL_DISCORD_PATH}/api/v10/webhooks/:app/:token`;

  app.patch(`${base}/messages/:message`, async (c) => {
    const body = await c.req.json();
    const log = entry(c.req.param("token"));
    log.original = { id: log.original?.id ?? messageId(), body };
    options.log.info("local_discord.edit_original");
    return c.json({ id: log.original.id, ...body });
  });
  app.post(base, async (c) => {
    const body = await c.req.json();
    const message = { id: messageId(), body };
    entry(c.req.param("token")).followUps.push(message);
    options.log.info("local_discord.follow_up");
    return c.json({ id: message.id, ...body });
  });
  app.delete(`${base}/messages/:message`, (c) => {
    entry(c.req.param("token")).deleted = true;
    return c.body(null, 204);
  });
  app.get(`${LOCAL_DISCORD_PATH}/interactions/:token`, async (c) => {
    await options.settled();
    return c.json(
      byToken.get(c.req.param("token")) ?? { original: null, followUps: [], deleted: false },
    );
  });
  app.all(`${LOCAL_DISCORD_PATH}/api/*`, (c) =>
    c.json({ message: "Not available in the local playground", code: 0 }, 404),
  );
}
