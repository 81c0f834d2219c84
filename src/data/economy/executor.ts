import type { Database } from "../../ports/index.ts";

/** The database or an open transaction: data functions run in either. */
export type Executor = Database | Transaction;

/** An open transaction. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
