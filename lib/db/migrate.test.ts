import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../tooling/testing/test-database.ts";
import { migrate, readMigrations } from "./migrate.ts";

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase({ migrate: false });
});
after(() => db?.close());

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

test("five processes migrating at once apply each migration exactly once", async () => {
  const results = await Promise.all(Array.from({ length: 5 }, () => migrate(db.url)));
  const migrations = await readMigrations();
  const appliers = results.filter((r) => r.applied.length > 0);
  assert.equal(appliers.length, 1, "exactly one process applies");
  assert.deepEqual(
    appliers[0].applied,
    migrations.map((m) => m.name),
  );
  for (const r of results.filter((x) => x !== appliers[0]))
    assert.deepEqual(
      r.alreadyApplied,
      migrations.map((m) => m.name),
    );

  const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished: boolean; rolled_back_at: Date | null }>(
    `SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished, rolled_back_at
       FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  assert.deepEqual(
    rows,
    migrations.map((m) => ({
      migration_name: m.name,
      // prisma migrate deploy's checksum: SHA-256 hex of the file's bytes
      checksum: createHash("sha256").update(m.sql).digest("hex"),
      applied_steps_count: 1,
      finished: true,
      rolled_back_at: null,
    })),
  );
});

test("running again applies nothing", async () => {
  const result = await migrate(db.url);
  assert.deepEqual(result.applied, []);
});

test("a failing migration rolls back whole and is recorded as rolled back", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "migrations-"));
  await mkdir(path.join(dir, "20990101000000_broken"));
  await writeFile(path.join(dir, "20990101000000_broken", "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT * FROM no_such_table;`);
  await assert.rejects(migrate(db.url, dir), /20990101000000_broken failed/);
  const tables = await query(`SELECT 1 FROM pg_class WHERE relname = 'Half'`);
  assert.equal(tables.length, 0, "the partial table was rolled back");
  const [row] = await query<{ logs: string; rolled: boolean; finished: boolean }>(
    `SELECT logs, rolled_back_at IS NOT NULL AS rolled, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" WHERE migration_name = '20990101000000_broken'`,
  );
  assert.equal(row.rolled, true);
  assert.equal(row.finished, false);
  assert.match(row.logs, /no_such_table/);
});
