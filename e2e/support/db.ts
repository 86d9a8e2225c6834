import pg from "pg";
import { E2E_DATABASE_URL } from "./env.ts";

let pool: pg.Pool | undefined;

/** Reads the app's own database: duplicate-prevention tests count rows, not only what is on screen. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 1 }); // one connection: see lib/db/create-client.ts
  return (await pool.query<T>(text, values)).rows;
}

/**
 * A count always answers one row. The embedded database serves every connection from one session,
 * and a statement of ours can interleave with the app's (pglite #1046, ../shared INTEGRATIONS.md):
 * seen here as a count that came back with no row. A read is safe to ask again; an answer that is
 * still not a count fails the test.
 */
export async function countRows(table: string, where: string, values: unknown[]): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const [row] = await sql<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, values).catch((error) => {
      if (attempt >= 3) throw error;
      return [];
    });
    const n = Number(row?.n);
    if (Number.isInteger(n)) return n;
    if (attempt >= 3) throw new Error(`counting ${table}: the database answered ${JSON.stringify(row)} three times`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
