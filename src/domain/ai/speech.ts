/**
 * How `/ai voice` asks Lavalink for speech: the LavaSrc plugin's Flowery TTS source
 * (`plugins.lavasrc.sources.flowerytts: true` in ops/lavalink/application.yml) loads the
 * identifier `ftts://<URL-encoded text>` as one track; optional query parameters are
 * `voice`, `speed` (0.5–10), `silence` (ms) and `translate`. The simulated Lavalink accepts
 * the same scheme.
 */
export const SPEECH_SCHEME = "ftts://";

/** Flowery TTS reads at most this many characters; longer answers are spoken cut, with "…". */
export const SPEECH_MAX_CHARS = 2000;

/** Markdown that would be read out literally (code fences, emphasis marks, links). */
function speakable(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, " (code omitted) ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
    .replace(/[*_~>#|]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The Lavalink identifier that speaks `text`, or null when nothing speakable is left. */
export function speechIdentifier(text: string, options: { voice?: string } = {}): string | null {
  const plain = speakable(text);
  if (!plain) return null;
  const spoken =
    plain.length > SPEECH_MAX_CHARS ? `${plain.slice(0, SPEECH_MAX_CHARS - 1)}…` : plain;
  const query = options.voice ? `?voice=${encodeURIComponent(options.voice)}` : "";
  return `${SPEECH_SCHEME}${encodeURIComponent(spoken)}${query}`;
}

/** The text an identifier speaks, or null when it is not a speech identifier. */
export function spokenText(identifier: string): string | null {
  if (!identifier.startsWith(SPEECH_SCHEME)) return null;
  const body = identifier.slice(SPEECH_SCHEME.length).split("?")[0] ?? "";
  try {
    return decodeURIComponent(body);
  } catch {
    return null;
  }
}
