import { BITS, requireChannelPermissions } from "../authority.ts";
import { FormErrors, notAuthor, unknown } from "../errors.ts";
import { channelOf } from "../lookups.ts";
import { validateMessage } from "../message-limits.ts";
import { applyMessageEdit, messageJson } from "../objects.ts";
import { json, noContent, type RouteContext, type RouteDef, type RouteRequest } from "../router.ts";
import type { ChannelRecord, JsonObject } from "../state.ts";

function messageOf(request: RouteRequest, context: RouteContext) {
  const channel = channelOf(request, context);
  requireChannelPermissions(channel, context, BITS.viewChannel);
  const id = request.params.message ?? "";
  const message =
    channel.messages.find((m) => m.id === id) ??
    context.state.interactionMessage(channel.seed.id, id);
  if (!message) throw unknown("message");
  return { channel, message };
}

const authorId = (message: JsonObject) => (message.author as { id?: string } | undefined)?.id;

function listMessages(request: RouteRequest, channel: ChannelRecord) {
  const limit = Number(request.query.get("limit") ?? 50);
  const errors = new FormErrors();
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    errors.add(["limit"], {
      code: "NUMBER_TYPE_MAX",
      message: "int value should be between 1 and 100.",
    });
  }
  errors.throwIfAny();
  // Newest first, as Discord lists them.
  return json([...channel.messages].reverse().slice(0, limit));
}

/** Channel message routes: post, read, list, edit and delete the bot's messages. */
export const messageRoutes: RouteDef[] = [
  {
    method: "POST",
    pattern: "/channels/:id/messages",
    auth: "bot",
    handle: (request, context) => {
      const channel = channelOf(request, context);
      validateMessage(request.body, { creating: true, hasFiles: request.files.length > 0 });
      requireChannelPermissions(channel, context, BITS.viewChannel | BITS.sendMessages);
      const message = messageJson(context.identity, channel.seed.id, request.body, {
        webhook: false,
      });
      if (channel.guildId) message.guild_id = channel.guildId;
      channel.messages.push(message);
      return json(message);
    },
  },
  {
    method: "GET",
    pattern: "/channels/:id/messages",
    auth: "bot",
    handle: (request, context) => {
      const channel = channelOf(request, context);
      requireChannelPermissions(channel, context, BITS.viewChannel);
      return listMessages(request, channel);
    },
  },
  {
    method: "GET",
    pattern: "/channels/:id/messages/:message",
    auth: "bot",
    handle: (request, context) => json(messageOf(request, context).message),
  },
  {
    method: "PATCH",
    pattern: "/channels/:id/messages/:message",
    auth: "bot",
    handle: (request, context) => {
      const { message } = messageOf(request, context);
      if (authorId(message) !== context.identity.botUserId) throw notAuthor();
      validateMessage(request.body, { creating: false });
      return json(applyMessageEdit(message, request.body));
    },
  },
  {
    method: "DELETE",
    pattern: "/channels/:id/messages/:message",
    auth: "bot",
    handle: (request, context) => {
      const { channel, message } = messageOf(request, context);
      const index = channel.messages.indexOf(message);
      if (index >= 0) channel.messages.splice(index, 1);
      else context.state.forgetInteractionMessage(message);
      return noContent();
    },
  },
];
