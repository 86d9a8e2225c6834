// Nobody here can run `prisma migrate diff`, so this test is what proves that the committed
// migrations build exactly the database schema.prisma describes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../tooling/testing/test-database.ts";
import { normalizePredicate, readPrismaSchema, type ExpectedTable } from "./prisma-schema.ts";

let db: TestDatabase;
let client: pg.Client;
before(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
after(async () => {
  await client?.end();
  await db?.close();
});

async function actualTables(): Promise<ExpectedTable[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY 1`,
  );
  return Promise.all(
    tables.rows.map(async ({ name }) => {
      const columns = await client.query<{ name: string; type: string; nullable: boolean }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
           FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [`"${name}"`],
      );
      const indexes = await client.query<{ name: string; columns: string[]; unique: boolean; primary: boolean; method: string; predicate: string | null }>(
        `SELECT ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary, am.amname AS method, pg_get_expr(i.indpred, i.indrelid) AS predicate,
                ARRAY(SELECT attname::text FROM unnest(i.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = i.indrelid AND attnum = k.n ORDER BY o) AS columns
           FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
          WHERE i.indrelid = $1::regclass ORDER BY 1`,
        [`"${name}"`],
      );
      const fks = await client.query<{ name: string; columns: string[]; referencedTable: string; referencedColumns: string[] }>(
        `SELECT con.conname AS name, rel.relname AS "referencedTable",
                ARRAY(SELECT attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = con.conrelid AND attnum = k.n ORDER BY o) AS columns,
                ARRAY(SELECT attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = con.confrelid AND attnum = k.n ORDER BY o) AS "referencedColumns"
           FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.confrelid
          WHERE con.conrelid = $1::regclass AND con.contype = 'f' ORDER BY 1`,
        [`"${name}"`],
      );
      return {
        name,
        columns: columns.rows,
        indexes: indexes.rows.map((i) => ({ ...i, predicate: normalizePredicate(i.predicate) })),
        foreignKeys: fks.rows,
      };
    }),
  );
}

const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name));

test("the migrated database has exactly the tables, columns, keys and indexes of schema.prisma", async () => {
  const expected = readPrismaSchema();
  const actual = await actualTables();
  assert.deepEqual(
    actual.map((t) => t.name),
    expected.map((t) => t.name).sort(),
    "tables",
  );
  for (const want of expected) {
    const got = actual.find((t) => t.name === want.name)!;
    assert.deepEqual(byName(got.columns), byName(want.columns), `columns of ${want.name}`);
    assert.deepEqual(byName(got.indexes), byName(want.indexes), `indexes of ${want.name}`);
    assert.deepEqual(byName(got.foreignKeys), byName(want.foreignKeys), `foreign keys of ${want.name}`);
  }
});

test("the schema reader notices a difference (so the test above can fail)", async () => {
  const expected = readPrismaSchema(`model User {\n id String @id @db.Uuid\n email String? @unique\n}\nmodel Extra {\n id Int @id\n @@index([id])\n}`);
  const actual = await actualTables();
  assert.notDeepEqual(
    actual.map((t) => t.name),
    expected.map((t) => t.name).sort(),
  );
  const user = expected.find((t) => t.name === "User")!;
  assert.notDeepEqual(byName(actual.find((t) => t.name === "User")!.columns), byName(user.columns));
});

test("the schema reader refuses what it does not understand", () => {
  assert.throws(() => readPrismaSchema(`model A {\n id String @id\n price Decimal\n}`), /Unsupported type/);
  assert.throws(() => readPrismaSchema(`enum Colour {\n RED\n}`), /Unsupported block/);
  assert.throws(() => readPrismaSchema(`model A {\n id String @id @ignore\n}`), /Unsupported attribute/);
});
