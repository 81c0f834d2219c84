import pkg from "../package.json" with { type: "json" };

/** The release reported by /health. */
export const VERSION: string = pkg.version;
