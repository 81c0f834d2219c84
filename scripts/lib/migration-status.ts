import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { MIGRATIONS_FOLDER } from "../../src/adapters/db/migrate.ts";

/** The migration tags drizzle-kit generated, in order (from `drizzle/meta/_journal.json`). */
export function migrationTags(folder = MIGRATIONS_FOLDER): string[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  return [...journal.entries].sort((a, b) => a.idx - b.idx).map((entry) => entry.tag);
}

/** How many migrations drizzle has recorded as applied in the database (0 before the first). */
export async function appliedMigrationCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>(
      "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists",
    );
    if (!table.rows[0]?.exists) return 0;
    const result = await client.query<{ count: string }>(
      "SELECT count(*) AS count FROM drizzle.__drizzle_migrations",
    );
    return Number(result.rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

function parseUrl(url: string | undefined): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

/** A database URL safe to print: no password, no query string. */
export function describeDatabase(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return "(unparseable DATABASE_URL)";
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : "";
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
}

/** The password in a database URL, decoded, to keep out of the output. */
export function databasePassword(url: string | undefined): string | undefined {
  const password = parseUrl(url)?.password;
  return password ? decodeURIComponent(password) : undefined;
}
