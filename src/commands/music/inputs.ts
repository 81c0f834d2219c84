import { FILTER_PRESETS, type FilterPreset, isFilterPreset } from "../../domain/music/filters.ts";
import { LOOP_MODES, type LoopMode } from "../../domain/music/job.ts";
import { MAX_QUERY_LENGTH, VOLUME_RANGE } from "../../domain/music/limits.ts";
import { parsePosition } from "../../domain/music/time.ts";
import { UserError } from "../../interactions/index.ts";
import type { ChatInputContext } from "../../interactions/types.ts";

/** `query:` of `/music play`: a search or a URL, trimmed, at most 500 characters. */
export function readQuery(ctx: ChatInputContext): string {
  const query = ctx.options.require("query", "string").trim();
  if (!query) throw new UserError("Tell me what to play: a search or a URL.", "Empty query");
  if (query.length > MAX_QUERY_LENGTH) {
    throw new UserError(
      `That query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`,
      "Query too long",
    );
  }
  return query;
}

/** `position:` of `/music seek`, as 1:23 or 83. */
export function readPosition(ctx: ChatInputContext): number {
  const text = ctx.options.require("position", "string");
  const positionMs = parsePosition(text);
  if (positionMs === null) {
    throw new UserError(
      `\`${text.slice(0, 20)}\` is not a position: use 1:23 or 83 (seconds).`,
      "Bad position",
    );
  }
  return positionMs;
}

/** `level:` of `/music volume`. */
export function readVolume(ctx: ChatInputContext): number {
  const level = ctx.options.require("level", "integer");
  if (level < VOLUME_RANGE.min || level > VOLUME_RANGE.max) {
    throw new UserError(
      `The volume goes from ${VOLUME_RANGE.min} to ${VOLUME_RANGE.max}%.`,
      "Volume out of range",
    );
  }
  return level;
}

/** `mode:` of `/music loop`. */
export function readLoop(ctx: ChatInputContext): LoopMode {
  const mode = ctx.options.require("mode", "string");
  if (!(LOOP_MODES as readonly string[]).includes(mode))
    throw new UserError("Loop mode is off, track or queue.", "Bad loop mode");
  return mode as LoopMode;
}

/** `mode:on|off` of `/music stay|autoplay|announce`. */
export function readOnOff(ctx: ChatInputContext): boolean {
  const mode = ctx.options.require("mode", "string");
  if (mode !== "on" && mode !== "off") throw new UserError("Choose on or off.", "Bad mode");
  return mode === "on";
}

/** `preset:` of `/music filter`. */
export function readPreset(ctx: ChatInputContext): FilterPreset {
  const preset = ctx.options.require("preset", "string");
  if (!isFilterPreset(preset))
    throw new UserError(`The filters are ${FILTER_PRESETS.join(", ")}.`, "Unknown filter");
  return preset;
}

/** A 1-based place in the queue (`position`, `from`, `to`); undefined when optional and absent. */
export function readPlace(ctx: ChatInputContext, name: string): number;
export function readPlace(ctx: ChatInputContext, name: string, optional: true): number | null;
export function readPlace(ctx: ChatInputContext, name: string, optional = false): number | null {
  const place = optional ? ctx.options.get(name, "integer") : ctx.options.require(name, "integer");
  if (place === undefined) return null;
  if (place < 1)
    throw new UserError(`\`${name}\` is a place in the queue: 1 or more.`, "Out of range");
  return place;
}
