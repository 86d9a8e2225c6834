// A fresh, migrated database for one test file: an in-memory embedded PostgreSQL by default, or a
// new database on the server in TEST_DATABASE_URL (created here, dropped afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "../../db/embedded.ts";
import { migrate } from "../../db/migrate.ts";

export interface TestDatabase {
  url: string;
  kind: "embedded" | "server";
  close(): Promise<void>;
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let db: TestDatabase;
  if (serverUrl) {
    const name = `test_${Date.now()}_${randomBytes(4).toString("hex")}`;
    await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    db = {
      url: url.toString(),
      kind: "server",
      close: () => withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
    };
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
    db = { url: embedded.url, kind: "embedded", close: embedded.stop };
  }
  if (options.migrate !== false) await migrate(db.url);
  return db;
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
