export * from "./control.ts";
export * from "./job.ts";
export * from "./job-schema.ts";
export * from "./limits.ts";
export * from "./node-choice.ts";
export * from "./playback.ts";
export * from "./shards.ts";
export * from "./time.ts";
