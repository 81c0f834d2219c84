import { alreadyAcknowledged, invalidWebhookToken, unknown } from "../errors.ts";
import { validateMessage } from "../message-limits.ts";
import { applyMessageEdit, messageJson, type SimIdentity } from "../objects.ts";
import { json, noContent, type RouteContext, type RouteDef, type RouteRequest } from "../router.ts";
import type { InteractionRecord, JsonObject } from "../state.ts";

/** Interaction tokens stop working 15 minutes after the interaction. */
export const INTERACTION_TOKEN_TTL_MS = 15 * 60 * 1000;

/** The stored record of an interaction webhook call's token; throws Discord's errors. */
export function webhookRecord(request: RouteRequest, context: RouteContext): InteractionRecord {
  const { app, token = "" } = request.params;
  const record = context.state.interactions.get(token);
  if (app !== context.identity.applicationId || !record) throw unknown("webhook");
  if (context.now() - record.issuedAt > INTERACTION_TOKEN_TTL_MS) throw invalidWebhookToken();
  return record;
}

/** The record behind an interaction callback's token; throws Unknown interaction. */
export function callbackRecord(request: RouteRequest, context: RouteContext): InteractionRecord {
  const record = context.state.interactions.get(request.params.token ?? "");
  if (!record || context.now() - record.issuedAt > INTERACTION_TOKEN_TTL_MS) {
    throw unknown("interaction");
  }
  return record;
}

const LOADING = 1 << 7;

/**
 * Applies an interaction response (the HTTP answer or a callback body) to a token's record:
 * type 4 stores the reply as the original message, 5 a "thinking" one, 7 the updated message.
 */
export function acknowledge(
  record: InteractionRecord,
  identity: SimIdentity,
  response: unknown,
): void {
  if (record.acknowledged) throw alreadyAcknowledged();
  const { type, data } = (response ?? {}) as { type?: number; data?: JsonObject };
  const channelId = record.channelId;
  if (type === 4 || type === 7) {
    validateMessage(data, { creating: type === 4 });
    record.original = messageJson(identity, channelId, data, { webhook: true });
  } else if (type === 5) {
    const flags = Number(data?.flags ?? 0) | LOADING;
    record.original = messageJson(identity, channelId, { flags }, { webhook: true });
  }
  record.acknowledged = true;
}

function findMessage(record: InteractionRecord, id: string): JsonObject {
  const message =
    id === "@original" || record.original?.id === id
      ? record.original
      : record.followups.find((followup) => followup.id === id);
  if (!message) throw unknown("message");
  return message;
}

function editMessage(request: RouteRequest, context: RouteContext) {
  const record = webhookRecord(request, context);
  validateMessage(request.body, { creating: false });
  const id = request.params.message ?? "@original";
  if (id === "@original" && !record.original) {
    // Editing @original before the HTTP reply reached the simulator: nobody called
    // `acknowledge`, so create the message rather than fail.
    record.original = messageJson(context.identity, record.channelId, {}, { webhook: true });
    record.acknowledged = true;
  }
  const message = findMessage(record, id);
  const flags = Number(message.flags ?? 0) & ~LOADING;
  applyMessageEdit(message, { flags, ...(request.body as JsonObject) });
  return json(message);
}

function deleteMessage(request: RouteRequest, context: RouteContext) {
  const record = webhookRecord(request, context);
  const message = findMessage(record, request.params.message ?? "@original");
  if (message === record.original) record.original = null;
  else record.followups = record.followups.filter((followup) => followup !== message);
  return noContent();
}

/** Interaction webhook and callback routes (token auth, no bot token). */
export const interactionRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/webhooks/:app/:token/messages/@original",
    auth: "webhook",
    handle: (request, context) => json(findMessage(webhookRecord(request, context), "@original")),
  },
  {
    method: "PATCH",
    pattern: "/webhooks/:app/:token/messages/@original",
    auth: "webhook",
    handle: editMessage,
  },
  {
    method: "DELETE",
    pattern: "/webhooks/:app/:token/messages/@original",
    auth: "webhook",
    handle: deleteMessage,
  },
  {
    method: "GET",
    pattern: "/webhooks/:app/:token/messages/:message",
    auth: "webhook",
    handle: (request, context) =>
      json(findMessage(webhookRecord(request, context), request.params.message ?? "")),
  },
  {
    method: "PATCH",
    pattern: "/webhooks/:app/:token/messages/:message",
    auth: "webhook",
    handle: editMessage,
  },
  {
    method: "DELETE",
    pattern: "/webhooks/:app/:token/messages/:message",
    auth: "webhook",
    handle: deleteMessage,
  },
  {
    method: "POST",
    pattern: "/webhooks/:app/:token",
    auth: "webhook",
    handle: (request, context) => {
      const record = webhookRecord(request, context);
      validateMessage(request.body, { creating: true, hasFiles: request.files.length > 0 });
      const message = messageJson(context.identity, record.channelId, request.body, {
        webhook: true,
      });
      record.followups.push(message);
      return json(message);
    },
  },
  {
    method: "POST",
    pattern: "/interactions/:id/:token/callback",
    auth: "callback",
    handle: (request, context) => {
      const record = callbackRecord(request, context);
      acknowledge(record, context.identity, request.body);
      if (request.query.get("with_response") !== "true") return noContent();
      return json({
        interaction: { id: request.params.id, type: 2 },
        resource: { type: (request.body as { type?: number }).type, message: record.original },
      });
    },
  },
];
