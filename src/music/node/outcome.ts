import type { MessageBody } from "../../ports/index.ts";

/** How a music job ended, for the user. */
export type Outcome =
  | { ok: true; body: MessageBody }
  /** Refused or failed: shown privately, the public "thinking…" message removed. */
  | { ok: false; message: string; title?: string };

export const done = (body: MessageBody): Outcome => ({ ok: true, body });
export const refuse = (message: string, title?: string): Outcome => ({ ok: false, message, title });

/** The degraded-mode answer when no Lavalink node can take the request. */
export const AUDIO_UNAVAILABLE = "Unable to connect to audio server. Try again in a minute.";
