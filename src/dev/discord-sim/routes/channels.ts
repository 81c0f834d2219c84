import { BITS, requireChannelPermissions } from "../authority.ts";
import { FormErrors } from "../errors.ts";
import { channelOf } from "../lookups.ts";
import { channelJson } from "../objects.ts";
import { json, noContent, type RouteDef } from "../router.ts";

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

/** Channel routes: read a channel, write and delete its permission overwrites. */
export const channelRoutes: RouteDef[] = [
  {
    method: "GET",
    pattern: "/channels/:id",
    auth: "bot",
    handle: (request, context) => {
      const channel = channelOf(request, context);
      requireChannelPermissions(channel, context, BITS.viewChannel);
      return json(channelJson(channel));
    },
  },
  {
    method: "PUT",
    pattern: "/channels/:id/permissions/:overwrite",
    auth: "bot",
    handle: (request, context) => {
      const channel = channelOf(request, context);
      validateOverwrite(request.body);
      // Discord's "Manage Permissions" is the Manage Roles bit, checked in the channel.
      requireChannelPermissions(channel, context, BITS.manageRoles);
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
      const channel = channelOf(request, context);
      requireChannelPermissions(channel, context, BITS.manageRoles);
      channel.overwrites.delete(request.params.overwrite ?? "");
      return noContent();
    },
  },
];
