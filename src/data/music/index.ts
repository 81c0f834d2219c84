export * from "./players.ts";
export * from "./queue.ts";
export * from "./voice-nodes.ts";
