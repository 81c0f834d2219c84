export * from "./cases.ts";
export type { Executor } from "./executor.ts";
export * from "./jobs.ts";
export * from "./lockdown-batches.ts";
export * from "./lockdowns.ts";
export * from "./massban-requests.ts";
export * from "./modlog-settings.ts";
export * from "./undo.ts";
