/** What a money operation did. `replayed`: the same request was applied before; nothing moved. */
export type Outcome<T = unknown> = ({ status: "done" } & T) | { status: "replayed" };
