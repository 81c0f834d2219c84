/** The `/music filter` presets. */
export const FILTER_PRESETS = [
  "off",
  "bassboost",
  "nightcore",
  "vaporwave",
  "8d",
  "karaoke",
] as const;
export type FilterPreset = (typeof FILTER_PRESETS)[number];

/** Lavalink v4's `filters` object, as far as the presets use it. */
export interface LavalinkFilters {
  equalizer?: { band: number; gain: number }[];
  karaoke?: { level: number; monoLevel: number; filterBand: number; filterWidth: number };
  timescale?: { speed: number; pitch: number; rate: number };
  tremolo?: { frequency: number; depth: number };
  rotation?: { rotationHz: number };
}

const bands = (gains: readonly number[]) => gains.map((gain, band) => ({ band, gain }));

/**
 * What each preset sends. A filters update replaces the whole chain, so `off` is the empty
 * object, and switching presets never stacks them.
 */
export const PRESET_FILTERS: Readonly<Record<FilterPreset, LavalinkFilters>> = {
  off: {},
  bassboost: { equalizer: bands([0.3, 0.25, 0.2, 0.1, 0.05, 0, -0.05, -0.05]) },
  nightcore: { timescale: { speed: 1.25, pitch: 1.25, rate: 1 } },
  vaporwave: {
    timescale: { speed: 0.85, pitch: 0.8, rate: 1 },
    equalizer: bands([0.2, 0.2, 0.1]),
    tremolo: { frequency: 4, depth: 0.2 },
  },
  "8d": { rotation: { rotationHz: 0.2 } },
  karaoke: { karaoke: { level: 1, monoLevel: 1, filterBand: 220, filterWidth: 100 } },
};

/** How fast a preset plays a track (timescale speed × rate): positions move this much faster. */
export function playbackRate(preset: FilterPreset): number {
  const timescale = PRESET_FILTERS[preset].timescale;
  return timescale ? timescale.speed * timescale.rate : 1;
}

/** Whether `value` names a preset. */
export function isFilterPreset(value: string): value is FilterPreset {
  return (FILTER_PRESETS as readonly string[]).includes(value);
}

/** The preset stored for a player; anything unknown reads as `off`. */
export function presetOf(value: string | null | undefined): FilterPreset {
  return value && isFilterPreset(value) ? value : "off";
}
