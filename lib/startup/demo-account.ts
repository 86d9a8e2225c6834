import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../auth/password.ts";
import { newId } from "../ids.ts";

export const DEMO_EMAIL = "demo@example.com";

/**
 * On an empty development database, creates one account to sign in with. Its password is random
 * and kept in the data directory so later runs can print it again; nothing is created once any
 * account exists.
 */
export async function ensureDemoAccount(databaseUrl: string, dataDir: string): Promise<{ email: string; password: string } | null> {
  const file = path.join(dataDir, "demo-account.json");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string }>(`SELECT email FROM "User" ORDER BY "createdAt" LIMIT 2`);
    if (rows.length === 0) {
      const password = randomBytes(9).toString("base64url");
      await client.query(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, $2, $3)`, [newId(), DEMO_EMAIL, await hashPassword(password)]);
      await writeFile(file, JSON.stringify({ email: DEMO_EMAIL, password }), { mode: 0o600 });
      return { email: DEMO_EMAIL, password };
    }
    const saved = await readFile(file, "utf8").then(
      (t) => JSON.parse(t) as { email: string; password: string },
      () => null,
    );
    return saved && rows.some((r) => r.email === saved.email) ? saved : null;
  } finally {
    await client.end();
  }
}
