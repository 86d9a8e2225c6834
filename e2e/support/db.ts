import pg from "pg";
import { E2E_DATABASE_URL } from "./env.ts";

let pool: pg.Pool | undefined;

/** Reads the app's own database: duplicate-prevention tests count rows, not only what is on screen. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 1 }); // one connection: see lib/db/create-client.ts
  return (await pool.query<T>(text, values)).rows;
}

export async function countRows(table: string, where: string, values: unknown[]): Promise<number> {
  const [row] = await sql<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, values);
  const n = Number(row?.n);
  if (!Number.isInteger(n)) throw new Error(`counting ${table}: the database answered ${JSON.stringify(row)}`);
  return n;
}
