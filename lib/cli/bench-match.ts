// `npm run bench:match`: the near-match query against many customers of one owner, beside a naive
// ILIKE baseline, in one run. Embedded database: 100,000 customers. With DATABASE_URL: a fresh
// database on that server (created and dropped here), 100,000 then 1,000,000.
import pg from "pg";
import { createPrismaClient } from "../db/create-client.ts";
import { customerMatchQuery, suggestCustomerMatches, type CustomerProbe } from "../matching/find-customer-matches.ts";
import { MATCHING } from "../matching/config.ts";
import { describeMachine } from "../bench/machine.ts";
import { writeBenchmarkSection } from "../bench/report.ts";
import { latencyPercentiles } from "../bench/stats.ts";
import { newId } from "../ids.ts";
import { createTestDatabase } from "../testing/test-database.ts";

const PROBES = 1000;
/** Untimed probes first (other customers), so neither Node nor the server's caches start cold. */
const WARM_UP = 100;
const sizes = process.env.DATABASE_URL ? [100_000, 1_000_000] : [100_000];
if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;

const FIRST = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth", "william", "barbara",
  "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "christopher", "lisa", "daniel", "nancy", "matthew",
  "betty", "anthony", "sandra", "mark", "margaret", "donald", "ashley", "steven", "kimberly", "andrew", "emily", "paul", "donna",
  "joshua", "michelle", "kenneth", "carol", "kevin", "amanda", "brian", "melissa", "george", "deborah", "timothy", "stephanie"];
const SYLLABLES = ["an", "ber", "car", "del", "ed", "fen", "gar", "hol", "in", "jor", "kel", "lan", "mor", "nes", "ol", "per", "quin",
  "ros", "sten", "tor", "ul", "van", "wes", "yor", "zel", "bright", "field", "man", "son", "ton", "ley", "worth", "berg", "stein"];

const READING = "How to read it: *query* is the database's share. Its btree lookups (email, phone, exact name, email domain, phone ending) take well under a millisecond together; nearly all the rest is the trigram index search of the owner's distinct names (`CustomerName`) for \"similar name and similar company\", which costs what the posting lists of the probe's trigrams hold, so it grows with the number of distinct names that share them. *End to end* adds Prisma and the batch transaction (BEGIN, the settings statement, the query, COMMIT) and the ranking in Node. The baseline reads every one of the owner's rows, so at 1,000,000 customers it is timed for 100 probes only.";

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
// The query alone needs what the product's transaction sets: the % operator's threshold.
await client.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, false)`, [String(MATCHING.customer.nameSimilarity)]);
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
      `SELECT name, email, phone, company FROM "Customer" WHERE "ownerId" = $1 ORDER BY random() LIMIT ${WARM_UP + PROBES}`, [owner])).rows;
    // Probes as a user would type them: sometimes a typo in the name, sometimes only a name.
    const all: CustomerProbe[] = sample.map((r, i) => ({
      name: i % 3 === 0 ? r.name.slice(0, -1) + "x" : r.name,
      email: i % 2 === 0 ? r.email : null,
      phone: i % 4 === 0 ? r.phone : null,
      company: r.company,
    }));
    const [warmUp, probes] = [all.slice(0, WARM_UP), all.slice(WARM_UP)];
    // Two timings per probe, in alternating order: the product's function end to end (Prisma, its
    // batch transaction, ranking), and its SQL alone through the pg client the baseline uses.
    const endToEnd = async (probe: CustomerProbe) => (await suggestCustomerMatches(prisma, owner, probe)).length;
    const queryOnly = async (probe: CustomerProbe) => {
      const query = customerMatchQuery(owner, probe, {}, MATCHING.customer)!;
      await client.query(query.text, query.values);
    };
    const timed = async (samples: number[], run: () => Promise<unknown>) => {
      const t = performance.now();
      await run();
      samples.push(performance.now() - t);
    };
    for (const probe of warmUp) {
      await endToEnd(probe);
      await queryOnly(probe);
    }
    const [matchMs, queryMs, baseMs]: number[][] = [[], [], []];
    let found = 0;
    for (const [i, probe] of probes.entries()) {
      const runs = [
        () => timed(matchMs, async () => { if ((await endToEnd(probe)) > 0) found++; }),
        () => timed(queryMs, () => queryOnly(probe)),
      ];
      for (const run of i % 2 === 0 ? runs : runs.reverse()) await run();
    }
    const baselineProbes = size >= 1_000_000 ? 100 : PROBES;
    for (const probe of probes.slice(0, baselineProbes)) {
      await timed(baseMs, () => client.query(`SELECT id, name FROM "Customer" WHERE "ownerId" = $1 AND name ILIKE '%' || $2 || '%' LIMIT 10`, [owner, probe.name]));
    }
    const [match, query, base] = [latencyPercentiles(matchMs), latencyPercentiles(queryMs), latencyPercentiles(baseMs)];
    const ms = (x: number) => x.toFixed(2);
    const row = `| ${size.toLocaleString("en")} | ${PROBES} (${found} with matches) | ${ms(query.p50)} | ${ms(query.p95)} | ${ms(match.p50)} | ${ms(match.p95)} | ${baselineProbes} | ${ms(base.p50)} | ${ms(base.p95)} | ${(base.p95 / query.p95).toFixed(1)}× | ${(base.p95 / match.p95).toFixed(1)}× |`;
    console.log(row);
    rows.push(row);
  }
  const table = [
    "| customers (one owner) | match probes | query p50 ms | query p95 ms | end-to-end p50 ms | end-to-end p95 ms | baseline probes | ILIKE p50 ms | ILIKE p95 ms | p95 speed-up, query | p95 speed-up, end to end |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
  console.log(`\n${table}`);
  await writeBenchmarkSection(`bench:match (${db.kind === "embedded" ? "embedded database" : "server database"})`, [
    `${new Date().toISOString().slice(0, 10)}, ${describeMachine()}. \`npm run bench:match\`${db.kind === "server" ? " with `DATABASE_URL` set (a fresh database on that server)" : ""}: bulk-loaded customers for one owner, then ${WARM_UP} untimed probes, then ${PROBES} other random probes (a third with a typo in the name, half with the email, a quarter with the phone). Each probe is timed twice, in alternating order: *query* is the match query's SQL alone through the same pg client as the baseline; *end to end* is the function the form's live suggestions call (Prisma, its batch transaction with the threshold and time limit, ranking). The baseline is a naive \`ILIKE '%name%'\` over the owner's rows. Target on a real server at 1,000,000 rows: match p95 ≤ 20 ms and ≥ 20× faster than the baseline.`,
    "",
    table,
    "",
    READING,
  ].join("\n"));
} finally {
  await prisma.$disconnect();
  await client.end();
  await db.close();
}
