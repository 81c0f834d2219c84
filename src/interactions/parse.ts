import { type APIInteraction, InteractionType } from "discord-api-types/v10";
import { z } from "zod";
import { MalformedInteractionError } from "./errors.ts";

const snowflake = z.string().regex(/^\d{17,20}$/);
const user = z.object({ id: snowflake }).passthrough();

const envelope = z
  .object({
    id: snowflake,
    application_id: snowflake,
    type: z.number().int(),
    token: z.string().min(1).max(1000),
    version: z.number().int(),
    guild_id: snowflake.optional(),
    member: z
      .object({ user, permissions: z.string().regex(/^\d+$/) })
      .passthrough()
      .optional(),
    user: user.optional(),
  })
  .passthrough();

const commandData = z
  .object({ id: snowflake, name: z.string().min(1), type: z.number().int() })
  .passthrough();
const componentData = z
  .object({ custom_id: z.string(), component_type: z.number().int() })
  .passthrough();
const modalData = z
  .object({ custom_id: z.string(), components: z.array(z.unknown()) })
  .passthrough();

const DATA_SCHEMAS: Partial<Record<number, z.ZodType>> = {
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
  const parsed = envelope.extend({ data: dataSchema }).safeParse(json);
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
