/** The filters Lavalink 4 ships with (all enabled in its default configuration). */
export const LAVALINK_FILTERS = [
  "volume",
  "equalizer",
  "karaoke",
  "timescale",
  "tremolo",
  "vibrato",
  "distortion",
  "rotation",
  "channelMix",
  "lowPass",
] as const;

/** A rejected filters object: Lavalink answers 400 with this message. */
export class FilterError extends Error {}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function number(path: string, value: unknown, min?: number, max?: number, exclusiveMin = false) {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new FilterError(`${path} must be a number`);
  if (min !== undefined && (exclusiveMin ? value <= min : value < min))
    throw new FilterError(`${path} must be ${exclusiveMin ? "greater than" : "at least"} ${min}`);
  if (max !== undefined && value > max) throw new FilterError(`${path} must be at most ${max}`);
}

function section(name: string, value: unknown, check: (v: Json) => void): void {
  if (value === null || value === undefined) return;
  if (!isObject(value)) throw new FilterError(`filters.${name} must be an object`);
  check(value);
}

/**
 * Checks a player update's `filters` as Lavalink v4 reads it (the documented fields and
 * ranges; a filter disabled in the server's configuration is refused), returning it.
 */
export function checkFilters(value: unknown, enabled: readonly string[]): Json {
  if (!isObject(value)) throw new FilterError("filters must be an object");
  const unknown = Object.keys(value).filter(
    (key) => key !== "pluginFilters" && !(LAVALINK_FILTERS as readonly string[]).includes(key),
  );
  if (unknown.length) throw new FilterError(`Unknown filter(s): ${unknown.join(", ")}`);
  const disabled = Object.keys(value).filter(
    (key) => key !== "pluginFilters" && !enabled.includes(key),
  );
  if (disabled.length)
    throw new FilterError(`Following filters are disabled in the config: ${disabled.join(", ")}`);
  number("filters.volume", value.volume, 0, 5);
  if (value.equalizer !== undefined) {
    if (!Array.isArray(value.equalizer)) throw new FilterError("filters.equalizer must be a list");
    for (const [i, band] of value.equalizer.entries()) {
      if (!isObject(band) || !Number.isInteger(band.band))
        throw new FilterError(`filters.equalizer[${i}].band must be an integer`);
      number(`filters.equalizer[${i}].band`, band.band, 0, 14);
      number(`filters.equalizer[${i}].gain`, band.gain, -0.25, 1);
    }
  }
  section("karaoke", value.karaoke, (k) => {
    for (const field of ["level", "monoLevel", "filterBand", "filterWidth"])
      number(`filters.karaoke.${field}`, k[field]);
  });
  section("timescale", value.timescale, (t) => {
    for (const field of ["speed", "pitch", "rate"])
      number(`filters.timescale.${field}`, t[field], 0, undefined, true);
  });
  section("tremolo", value.tremolo, (t) => {
    number("filters.tremolo.frequency", t.frequency, 0, undefined, true);
    number("filters.tremolo.depth", t.depth, 0, 1, true);
  });
  section("vibrato", value.vibrato, (v) => {
    number("filters.vibrato.frequency", v.frequency, 0, 14, true);
    number("filters.vibrato.depth", v.depth, 0, 1, true);
  });
  section("rotation", value.rotation, (r) => number("filters.rotation.rotationHz", r.rotationHz));
  section("lowPass", value.lowPass, (l) => number("filters.lowPass.smoothing", l.smoothing));
  return value;
}

/** Track time per real time under a filter chain (timescale speed × rate). */
export function playbackSpeed(filters: Json): number {
  const timescale = isObject(filters.timescale) ? filters.timescale : {};
  const speed = typeof timescale.speed === "number" ? timescale.speed : 1;
  const rate = typeof timescale.rate === "number" ? timescale.rate : 1;
  return speed * rate;
}
