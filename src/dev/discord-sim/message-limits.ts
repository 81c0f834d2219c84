import { DiscordHttpError, FormErrors } from "./errors.ts";

type Json = Record<string, unknown>;
type Path = (string | number)[];

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
// Discord counts characters, not UTF-16 code units.
const length = (value: unknown): number => (typeof value === "string" ? [...value].length : 0);

const IS_COMPONENTS_V2 = 1 << 15;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const LINK_STYLE = 5;
const PREMIUM_STYLE = 6;

function validateEmbeds(errors: FormErrors, embeds: unknown[]): void {
  errors.maxLength(["embeds"], embeds.length, 10);
  let total = 0;
  embeds.forEach((raw, i) => {
    const embed = isObject(raw) ? raw : {};
    const at = (...rest: Path): Path => ["embeds", i, ...rest];
    errors.maxLength(at("title"), length(embed.title), 256);
    errors.maxLength(at("description"), length(embed.description), 4096);
    const fields = list(embed.fields);
    errors.maxLength(at("fields"), fields.length, 25);
    fields.forEach((rawField, j) => {
      const field = isObject(rawField) ? rawField : {};
      for (const [key, max] of [
        ["name", 256],
        ["value", 1024],
      ] as const) {
        if (typeof field[key] !== "string") {
          errors.add(at("fields", j, key), {
            code: "BASE_TYPE_REQUIRED",
            message: "This field is required",
          });
        }
        errors.maxLength(at("fields", j, key), length(field[key]), max);
      }
      total += length(field.name) + length(field.value);
    });
    const footer = isObject(embed.footer) ? embed.footer : {};
    const author = isObject(embed.author) ? embed.author : {};
    errors.maxLength(at("footer", "text"), length(footer.text), 2048);
    errors.maxLength(at("author", "name"), length(author.name), 256);
    total +=
      length(embed.title) + length(embed.description) + length(footer.text) + length(author.name);
  });
  if (total > 6000) {
    errors.add(["embeds"], {
      code: "MAX_EMBED_SIZE_EXCEEDED",
      message: "Embed size exceeds maximum size of 6000",
    });
  }
}

function validateInteractive(errors: FormErrors, path: Path, component: Json): void {
  const type = component.type;
  if (type === 2) {
    const style = component.style;
    if (
      style !== LINK_STYLE &&
      style !== PREMIUM_STYLE &&
      typeof component.custom_id !== "string"
    ) {
      errors.add([...path, "custom_id"], {
        code: "BASE_TYPE_REQUIRED",
        message: "This field is required",
      });
    }
    errors.maxLength([...path, "label"], length(component.label), 80);
  }
  if (type === 2 || (typeof type === "number" && SELECT_TYPES.has(type)) || type === 4) {
    errors.maxLength([...path, "custom_id"], length(component.custom_id), 100);
  }
  if (typeof type === "number" && SELECT_TYPES.has(type)) {
    errors.maxLength([...path, "placeholder"], length(component.placeholder), 150);
    if (type === 3) {
      const options = list(component.options);
      errors.lengthBetween([...path, "options"], options.length, 1, 25);
      options.forEach((raw, k) => {
        const option = isObject(raw) ? raw : {};
        for (const key of ["label", "value", "description"] as const) {
          errors.maxLength([...path, "options", k, key], length(option[key]), 100);
        }
      });
    }
  }
}

function countComponents(components: unknown[]): number {
  return components.reduce<number>((sum, raw) => {
    const component = isObject(raw) ? raw : {};
    const accessory = isObject(component.accessory) ? 1 : 0;
    return sum + 1 + accessory + countComponents(list(component.components));
  }, 0);
}

function walk(errors: FormErrors, path: Path, components: unknown[]): void {
  components.forEach((raw, i) => {
    const component = isObject(raw) ? raw : {};
    validateInteractive(errors, [...path, i], component);
    if (isObject(component.accessory)) {
      validateInteractive(errors, [...path, i, "accessory"], component.accessory);
    }
    walk(errors, [...path, i, "components"], list(component.components));
  });
}

function validateComponents(errors: FormErrors, components: unknown[], flags: number): void {
  if ((flags & IS_COMPONENTS_V2) !== 0) {
    errors.maxLength(["components"], countComponents(components), 40);
    walk(errors, ["components"], components);
    return;
  }
  errors.maxLength(["components"], components.length, 5);
  components.forEach((raw, i) => {
    const row = isObject(raw) ? raw : {};
    if (row.type !== 1) {
      errors.add(["components", i, "type"], {
        code: "UNION_TYPE_CHOICES",
        message: 'Value of field "type" must be one of (1,).',
      });
      return;
    }
    const children = list(row.components);
    errors.lengthBetween(["components", i, "components"], children.length, 1, 5);
    const hasSelect = children.some(
      (child) => isObject(child) && SELECT_TYPES.has(Number(child.type)),
    );
    if (hasSelect && children.length > 1) {
      errors.add(["components", i, "components"], {
        code: "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
        message: "The specified component exceeds the maximum width",
      });
    }
  });
  walk(errors, ["components"], components);
}

/**
 * Validates a message body (create or edit) against Discord's documented limits; throws
 * 400 Invalid Form Body (50035) with Discord's nested `errors`, or 50006 for an empty create.
 */
export function validateMessage(
  body: unknown,
  options: { creating: boolean; hasFiles?: boolean },
): void {
  const message = isObject(body) ? body : {};
  if (options.creating) {
    const hasSomething =
      options.hasFiles === true ||
      length(message.content) > 0 ||
      list(message.embeds).length > 0 ||
      list(message.components).length > 0 ||
      list(message.attachments).length > 0 ||
      list(message.sticker_ids).length > 0 ||
      isObject(message.poll);
    if (!hasSomething) {
      throw new DiscordHttpError(400, { message: "Cannot send an empty message", code: 50006 });
    }
  }
  const errors = new FormErrors();
  errors.maxLength(["content"], length(message.content), 2000);
  validateEmbeds(errors, list(message.embeds));
  validateComponents(errors, list(message.components), Number(message.flags ?? 0));
  errors.throwIfAny();
}
