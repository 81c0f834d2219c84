/** How long a query may be, in characters. */
export const MAX_QUERY_LENGTH = 500;
/** Tracks a guild's queue may hold, the current one included. */
export const MAX_QUEUE_LENGTH = 1000;
/** `/music volume` range, in percent. */
export const VOLUME_RANGE = { min: 0, max: 150 } as const;
/** Leave after this long alone in the channel. */
export const ALONE_LEAVE_MS = 2 * 60_000;
/** Leave after the queue has been empty this long. */
export const IDLE_LEAVE_MS = 5 * 60_000;
/** Positions reach Postgres at least this often while playing (and on every change). */
export const POSITION_SAVE_MS = 5_000;
/** The voice-node writes its heartbeat row this often… */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** …and the edge calls it gone when the row is older than this. */
export const HEARTBEAT_STALE_MS = 60_000;
/** A job whose interaction is older than this is dropped: its 15-minute token is nearly dead. */
export const INTERACTION_JOB_MAX_AGE_MS = 10 * 60_000;
/** Lavalink keeps a dropped session this long (seconds, as Lavalink counts). */
export const LAVALINK_RESUME_TIMEOUT_S = 60;
/** A guild's now-playing message is written (posted or edited) at most this often. */
export const NOW_PLAYING_EDIT_GAP_MS = 5_000;
