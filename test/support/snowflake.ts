// The generator lives beside the Discord simulator (src/ must not import test/); tests keep
// importing it from here. Runtime-agnostic: safe inside the workers pool.
export { snowflake, snowflakeTime } from "../../src/dev/snowflake.ts";
