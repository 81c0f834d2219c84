import { type APIInteraction, InteractionType } from "discord-api-types/v10";
import * as z from "zod/mini";
import { MalformedInteractionError } from "./errors.ts";

const snowflake = z.string().check(z.regex(/^\d{17,20}$/));
const user = z.looseObject({ id: snowflake });

const envelope = z.looseObject({
  id: snowflake,
  application_id: snowflake,
  type: z.int(),
  token: z.string().check(z.minLength(1), z.maxLength(1000)),
  version: z.int(),
  guild_id: z.optional(snowflake),
  member: z.optional(z.looseObject({ user, permissions: z.string().check(z.regex(/^\d+$/)) })),
  user: z.optional(user),
});

const commandData = z.looseObject({
  id: snowflake,
  name: z.string().check(z.minLength(1)),
  type: z.int(),
});
const componentData = z.looseObject({ custom_id: z.string(), component_type: z.int() });
const modalData = z.looseObject({ custom_id: z.string(), components: z.array(z.unknown()) });

const DATA_SCHEMAS: Partial<Record<number, z.ZodMiniType>> = {
  [InteractionType.ApplicationCommand]: commandData,
  [InteractionType.ApplicationCommandAutocomplete]: commandData,
  [InteractionType.MessageComponent]: componentData,
  [InteractionType.ModalSubmit]: modalData,
};

/** A PING carries no token, user or data. */
export type Ping = { type: InteractionType.Ping };

/**
 * Parses a verified request body. The signature proves Discord sent it, but the shape is still
 * checked: anything that is not a well-formed interaction of a known type is a 400.
 */
export function parseInteraction(body: Uint8Array): Ping | (APIInteraction & { token: string }) {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new MalformedInteractionError("body is not valid JSON");
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (type === InteractionType.Ping) return { type: InteractionType.Ping };
  const dataSchema = typeof type === "number" ? DATA_SCHEMAS[type] : undefined;
  if (!dataSchema)
    throw new MalformedInteractionError(`unknown interaction type ${JSON.stringify(type)}`);
  const parsed = z.extend(envelope, { data: dataSchema }).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedInteractionError(
      `invalid interaction: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim(),
    );
  }
  if (!parsed.data.member && !parsed.data.user) {
    throw new MalformedInteractionError("invalid interaction: neither member nor user");
  }
  return json as APIInteraction & { token: string };
}
