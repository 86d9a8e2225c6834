// `npm run bench:match`: the near-match query against many customers of one owner, beside a naive
// ILIKE baseline, in one run. Embedded database: 100,000 customers. With DATABASE_URL: a fresh
// database on that server (created and dropped here), 100,000 then 1,000,000.
import pg from "pg";
import { createPrismaClient } from "../db/create-client.ts";
import { suggestCustomerMatches } from "../matching/find-customer-matches.ts";
import { describeMachine } from "../bench/machine.ts";
import { writeBenchmarkSection } from "../bench/report.ts";
import { latencyPercentiles } from "../bench/stats.ts";
import { newId } from "../ids.ts";
import { createTestDatabase } from "../testing/test-database.ts";

const PROBES = 1000;
const sizes = process.env.DATABASE_URL ? [100_000, 1_000_000] : [100_000];
if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;

const FIRST = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth", "william", "barbara",
  "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "christopher", "lisa", "daniel", "nancy", "matthew",
  "betty", "anthony", "sandra", "mark", "margaret", "donald", "ashley", "steven", "kimberly", "andrew", "emily", "paul", "donna",
  "joshua", "michelle", "kenneth", "carol", "kevin", "amanda", "brian", "melissa", "george", "deborah", "timothy", "stephanie"];
const SYLLABLES = ["an", "ber", "car", "del", "ed", "fen", "gar", "hol", "in", "jor", "kel", "lan", "mor", "nes", "ol", "per", "quin",
  "ros", "sten", "tor", "ul", "van", "wes", "yor", "zel", "bright", "field", "man", "son", "ton", "ley", "worth", "berg", "stein"];

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(",")}]`;

async function seed(client: pg.Client, owner: string, from: number, to: number) {
  // One INSERT … SELECT over generate_series: a bulk load, not a row at a time. Indexes are dropped
  // for the load and rebuilt after, as a bulk import would.
  const f = sqlArray(FIRST);
  const s = sqlArray(SYLLABLES);
  await client.query(`
    INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, "nameNormalized", "emailNormalized", "phoneNormalized", "companyNormalized", "emailDomain", "phoneSuffix")
    SELECT gen_random_uuid(), $1::uuid, initcap(n), e, '+1' || p, initcap(co), n, e, '1' || p, co, split_part(e, '@', 2), right(p, 7)
      FROM (
        SELECT g,
               -- 20,000 companies named from syllables, as varied as real ones
               (${s})[1 + ((g % 20000) % ${SYLLABLES.length})::int] || (${s})[1 + ((g % 20000) / ${SYLLABLES.length} % ${SYLLABLES.length})::int] || ' ' ||
               (${sqlArray(["labs", "works", "systems", "partners", "foods", "logistics", "media", "capital", "health", "energy"])})[1 + ((g % 20000) / 1156 % 10)::int] AS co,
               (${f})[1 + ((g * 7919) % ${FIRST.length})::int] || ' ' ||
               (${s})[1 + ((g * 31) % ${SYLLABLES.length})::int] || (${s})[1 + ((g * 17 / 7) % ${SYLLABLES.length})::int] || (${s})[1 + ((g / 1013) % ${SYLLABLES.length})::int] AS n,
               'c' || g || '@company' || (g % 20000) || '.example' AS e,
               lpad(((g * 2654435761::bigint) % 10000000000)::text, 10, '0') AS p
          FROM generate_series($2::bigint, $3::bigint) g
      ) rows`, [owner, from, to]);
}

const INDEXES = [
  `CREATE INDEX "Customer_ownerId_emailDomain_idx" ON "Customer"("ownerId", "emailDomain")`,
  `CREATE INDEX "Customer_ownerId_phoneSuffix_idx" ON "Customer"("ownerId", "phoneSuffix")`,
  `CREATE INDEX "Customer_ownerId_emailNormalized_idx" ON "Customer"("ownerId", "emailNormalized")`,
  `CREATE INDEX "Customer_ownerId_phoneNormalized_idx" ON "Customer"("ownerId", "phoneNormalized")`,
  `CREATE INDEX "Customer_ownerId_nameNormalized_idx" ON "Customer"("ownerId", "nameNormalized")`,
  `CREATE INDEX "Customer_nameNormalized_idx" ON "Customer" USING GIN ("nameNormalized" gin_trgm_ops)`,
  `CREATE INDEX "CustomerName_nameNormalized_idx" ON "CustomerName" USING GIN ("nameNormalized" gin_trgm_ops)`,
];

const db = await createTestDatabase();
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const prisma = createPrismaClient(db.url, 1);
const owner = newId();
await client.query(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, 'bench-match@example.com', 'x')`, [owner]);
const rows: string[] = [];
try {
  let loaded = 0;
  for (const size of sizes) {
    const started = performance.now();
    for (const index of INDEXES) await client.query(`DROP INDEX IF EXISTS ${index.match(/INDEX ("\w+")/)![1]}`);
    await seed(client, owner, loaded + 1, size);
    for (const index of INDEXES) await client.query(index);
    await client.query(`VACUUM ANALYZE "Customer", "CustomerName"`);
    loaded = size;
    console.log(`${size.toLocaleString("en")} customers loaded and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const sample = (await client.query<{ name: string; email: string; phone: string; company: string }>(
      `SELECT name, email, phone, company FROM "Customer" WHERE "ownerId" = $1 ORDER BY random() LIMIT ${PROBES}`, [owner])).rows;
    // Probes as a user would type them: sometimes a typo in the name, sometimes only a name.
    const probes = sample.map((r, i) => ({
      name: i % 3 === 0 ? r.name.slice(0, -1) + "x" : r.name,
      email: i % 2 === 0 ? r.email : null,
      phone: i % 4 === 0 ? r.phone : null,
      company: r.company,
    }));
    const matchMs: number[] = [];
    let found = 0;
    for (const probe of probes) {
      const t = performance.now();
      const matches = await suggestCustomerMatches(prisma, owner, probe);
      matchMs.push(performance.now() - t);
      if (matches.length > 0) found++;
    }
    const baselineProbes = size >= 1_000_000 ? 100 : PROBES;
    const baseMs: number[] = [];
    for (const probe of probes.slice(0, baselineProbes)) {
      const t = performance.now();
      await client.query(`SELECT id, name FROM "Customer" WHERE "ownerId" = $1 AND name ILIKE '%' || $2 || '%' LIMIT 10`, [owner, probe.name]);
      baseMs.push(performance.now() - t);
    }
    const [match, base] = [latencyPercentiles(matchMs), latencyPercentiles(baseMs)];
    const row = `| ${size.toLocaleString("en")} | ${PROBES} (${found} with matches) | ${match.p50.toFixed(2)} | ${match.p95.toFixed(2)} | ${baselineProbes} | ${base.p50.toFixed(2)} | ${base.p95.toFixed(2)} | ${(base.p95 / match.p95).toFixed(1)}× |`;
    console.log(row);
    rows.push(row);
  }
  const table = ["| customers (one owner) | match probes | match p50 ms | match p95 ms | baseline probes | ILIKE p50 ms | ILIKE p95 ms | p95 speed-up |", "| --- | --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
  console.log(`\n${table}`);
  await writeBenchmarkSection(`bench:match (${db.kind === "embedded" ? "embedded database" : "server database"})`, [
    `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:match\`${db.kind === "server" ? " with `DATABASE_URL` set (a fresh database on that server)" : ""}: bulk-loaded customers for one owner, then the near-match query (the same function and transaction setup the save uses) for random probes (a third with a typo in the name, half with the email, a quarter with the phone), beside a naive \`ILIKE '%name%'\` over the owner's rows. Target on a real server at 1,000,000 rows: match p95 ≤ 20 ms and ≥ 20× faster than the baseline.`,
    "",
    table,
  ].join("\n"));
} finally {
  await prisma.$disconnect();
  await client.end();
  await db.close();
}
