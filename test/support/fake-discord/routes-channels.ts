import { FormErrors, unknown } from "./errors.ts";
import { validateMessage } from "./message-limits.ts";
import { botUserJson, channelJson, messageJson } from "./objects.ts";
import { json, noContent, type RouteContext, type RouteDef, type RouteRequest } from "./router.ts";
import type { ChannelRecord } from "./state.ts";

function channelOf(request: RouteRequest, context: RouteContext): ChannelRecord {
  const channel = context.state.channels.get(request.params.id ?? "");
  if (!channel) throw unknown("channel");
  return channel;
}

const isPermissionBits = (value: unknown): boolean =>
  (typeof value === "string" && /^\d+$/.test(value)) ||
  (typeof value === "number" && Number.isSafeInteger(value) && value >= 0);

function validateOverwrite(body: unknown): void {
  const overwrite = (body ?? {}) as { type?: unknown; allow?: unknown; deny?: unknown };
  const errors = new FormErrors();
  if (overwrite.type === undefined) {
    errors.add(["type"], { code: "BASE_TYPE_REQUIRED", message: "This field is required" });
  } else if (![0, 1, "0", "1"].includes(overwrite.type as number | string)) {
    errors.add(["type"], { code: "BASE_TYPE_CHOICES", message: "Value must be one of (0, 1)." });
  }
  for (const key of ["allow", "deny"] as const) {
    const value = overwrite[key];
    if (value !== undefined && value !== null && !isPermissionBits(value)) {
      errors.add([key], {
        code: "NUMBER_TYPE_COERCE",
        message: `Value "${String(value)}" is not snowflake.`,
      });
    }
  }
  errors.throwIfAny();
}

/** Channel, current-user and gateway routes. */
export const channelRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/channels/:id",
    auth: "bot",
    handle: (request, context) => json(channelJson(channelOf(request, context))),
  },
  {
    method: "PUT",
    pattern: "/channels/:id/permissions/:overwrite",
    auth: "bot",
    handle: (request, context) => {
      const channel = channelOf(request, context);
      validateOverwrite(request.body);
      const { type, allow, deny } = request.body as {
        type: unknown;
        allow?: unknown;
        deny?: unknown;
      };
      const id = request.params.overwrite ?? "";
      // Stored exactly as sent, so tests can compare what the bot wrote bit for bit.
      channel.overwrites.set(id, { id, type, allow, deny });
      return noContent();
    },
  },
  {
    method: "DELETE",
    pattern: "/channels/:id/permissions/:overwrite",
    auth: "bot",
    handle: (request, context) => {
      channelOf(request, context).overwrites.delete(request.params.overwrite ?? "");
      return noContent();
    },
  },
  {
    method: "POST",
    pattern: "/channels/:id/messages",
    auth: "bot",
    handle: (request, context) => {
      const channel = channelOf(request, context);
      validateMessage(request.body, { creating: true, hasFiles: request.files.length > 0 });
      const message = messageJson(context.identity, channel.seed.id, request.body, {
        webhook: false,
      });
      if (channel.guildId) message.guild_id = channel.guildId;
      channel.messages.push(message);
      return json(message);
    },
  },
  {
    method: "DELETE",
    pattern: "/channels/:id/messages/:message",
    auth: "bot",
    handle: (request, context) => {
      const channel = channelOf(request, context);
      const index = channel.messages.findIndex((m) => m.id === request.params.message);
      if (index < 0) throw unknown("message");
      channel.messages.splice(index, 1);
      return noContent();
    },
  },
  {
    method: "GET",
    pattern: "/users/@me",
    auth: "bot",
    handle: (_request, context) => json(botUserJson(context.identity)),
  },
  {
    method: "GET",
    pattern: "/gateway/bot",
    auth: "bot",
    handle: () =>
      json({
        url: "wss://gateway.discord.gg",
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      }),
  },
];
