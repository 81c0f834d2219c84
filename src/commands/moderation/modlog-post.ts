/** @deprecated Moved to `src/moderation/`; import `postCaseToModlog` from its index. */
export { postCaseToModlog } from "../../moderation/index.ts";
