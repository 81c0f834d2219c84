export * from "./history.ts";
export * from "./now-playing-message.ts";
export * from "./players.ts";
export * from "./queue.ts";
export * from "./queue-edits.ts";
export * from "./saved-playlists.ts";
export * from "./settings.ts";
export * from "./voice-nodes.ts";
