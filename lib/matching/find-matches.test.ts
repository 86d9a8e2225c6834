// The matching queries on a real database: rules, the race between near-identical saves, the
// "Save anyway" subset rule, and proof (EXPLAIN) that lookups use indexes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { saveCustomer } from "../customers/save-customer.ts";
import { newId } from "../ids.ts";
import { seedOwner } from "../testing/seed.ts";
import { openTestPrisma } from "../testing/test-prisma.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { customerSchema } from "../validations/customer.ts";
import { orderSchema } from "../validations/order.ts";
import { saveOrder } from "../orders/save-order.ts";
import { findCustomerMatches, suggestCustomerMatches } from "./find-customer-matches.ts";
import { MATCHING } from "./config.ts";
import { matchingSession, matchingSettings } from "./session.ts";

const testDb = openTestPrisma();
const customer = (values: { name: string; email?: string; phone?: string; company?: string }) =>
  customerSchema.parse({ id: newId(), email: "", phone: "", company: "", ...values });
const matchesFor = (owner: string, probe: Parameters<typeof findCustomerMatches>[2]) =>
  suggestCustomerMatches(testDb.prisma, owner, probe);

test("customers: each rule finds its match, with reasons; other owners' records never match", async () => {
  const owner = await seedOwner(testDb.prisma);
  const stranger = await seedOwner(testDb.prisma);
  const ada = customer({ name: "Ada Lovelace", email: "ada@engines.co.uk", phone: "+44 20 7946 0958", company: "Analytical Engines Ltd" });
  assert.equal((await saveCustomer(testDb.prisma, owner, ada)).status, "created");
  await saveCustomer(testDb.prisma, stranger, customer({ name: "Ada Lovelace", email: "ada@engines.co.uk" }));

  const byEmail = await matchesFor(owner, { name: "A. L.", email: " ADA@engines.co.uk" });
  assert.deepEqual(byEmail.map((m) => [m.id, m.reasons[0]]), [[ada.id, "same email"]]);
  const byPhone = await matchesFor(owner, { name: "Someone", phone: "0044 20 7946 0958" });
  assert.deepEqual(byPhone.map((m) => m.reasons), [["same phone"]]);
  const byName = await matchesFor(owner, { name: "ada  LOVELACE!" });
  assert.deepEqual(byName.map((m) => m.reasons), [["same name"]]);
  const similar = await matchesFor(owner, { name: "Ada Lovelase", company: "Analytical Engines GmbH" });
  assert.equal(similar.length, 1);
  assert.match(similar[0].reasons[0], /^similar name: 0\.\d\d$/);
  assert.match(similar[0].reasons[1], /^similar company: /);
  assert.equal(similar[0].createdBy.includes("@"), true);
  assert.deepEqual(await matchesFor(owner, { name: "Ada Lovelase" }), [], "a similar name alone does not match");
  assert.deepEqual(await matchesFor(owner, { name: "A" }), [], "one letter never searches");
  assert.deepEqual(await matchesFor(owner, { name: "x".repeat(100_000) }), [], "very long input is cut, not searched whole");
});

test("the owner's distinct names are kept by the database, and a similar name finds every customer who has it", async () => {
  const owner = await seedOwner(testDb.prisma);
  const stranger = await seedOwner(testDb.prisma);
  // One bulk statement with repeated names, as an import would send: the trigger sees them all.
  await testDb.prisma.$executeRaw`
    INSERT INTO "Customer" (id, "ownerId", name, "nameNormalized", company, "companyNormalized")
    SELECT gen_random_uuid(), o, 'Linus Pauling', 'linus pauling', 'Caltech', 'caltech'
      FROM unnest(ARRAY[${owner}::uuid, ${owner}::uuid, ${owner}::uuid, ${stranger}::uuid]) AS o`;
  await saveCustomer(testDb.prisma, owner, customer({ name: "Linus Pauling", company: "Caltech" })).then((o) =>
    assert.equal(o.status, "possible-duplicate"),
  );
  const names = await testDb.prisma.customerName.findMany({ where: { ownerId: { in: [owner, stranger] } }, orderBy: { ownerId: "asc" } });
  assert.deepEqual(names.map((n) => n.nameNormalized), ["linus pauling", "linus pauling"], "one entry per owner and name");
  const similar = await matchesFor(owner, { name: "Linus Paulling", company: "Caltech Inc." });
  assert.equal(similar.length, 3, "all three of the owner's Linus Paulings, none of the stranger's");
  assert.ok(similar.every((m) => m.reasons[0].startsWith("similar name")));
});

test("live suggestions run their query under the matching settings, in one batch", async () => {
  // The batch that findCustomerMatches sends, with the query swapped for a look at the settings.
  const [, [settings]] = await testDb.prisma.$transaction([
    testDb.prisma.$queryRaw(matchingSettings()),
    testDb.prisma.$queryRaw<{ threshold: string; timeout: string }[]>`SELECT current_setting('pg_trgm.similarity_threshold') AS threshold, current_setting('statement_timeout') AS timeout`,
  ]);
  assert.deepEqual(settings, { threshold: String(MATCHING.customer.nameSimilarity), timeout: `${MATCHING.statementTimeoutMs / 1000}s` });
});

test("20 near-identical customers saved at once: exactly one is saved without a decision", async () => {
  const owner = await seedOwner(testDb.prisma);
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      saveCustomer(testDb.prisma, owner, customer({ name: `Grace Hopper${i % 2 ? "" : "."}`, email: `grace${i}@navy.mil`, company: "US Navy" })),
    ),
  );
  assert.equal(outcomes.filter((o) => o.status === "created").length, 1);
  assert.equal(outcomes.filter((o) => o.status === "possible-duplicate").length, 19);
  assert.equal(await testDb.prisma.customer.count({ where: { ownerId: owner } }), 1);
});

test("Save anyway saves only when every current match was seen, and records the decision", async () => {
  const owner = await seedOwner(testDb.prisma);
  const first = customer({ name: "Katherine Johnson", email: "kj@nasa.gov" });
  await saveCustomer(testDb.prisma, owner, first);
  const second = customer({ name: "Katherine Johnson", email: "katherine@nasa.gov" });
  const asked = await saveCustomer(testDb.prisma, owner, second);
  assert.equal(asked.status, "possible-duplicate");
  assert.deepEqual(asked.status === "possible-duplicate" && asked.matches.map((m) => m.id), [first.id]);

  // Meanwhile a third near-identical record appears: the confirmation no longer covers everything.
  const third = customer({ name: "Katherine Johnson", email: "kjohnson@nasa.gov" });
  await saveCustomer(testDb.prisma, owner, third, { confirmedMatchIds: [first.id] });
  const stale = await saveCustomer(testDb.prisma, owner, second, { confirmedMatchIds: [first.id] });
  assert.equal(stale.status, "possible-duplicate");
  assert.equal(await testDb.prisma.customer.count({ where: { id: second.id } }), 0);

  const saved = await saveCustomer(testDb.prisma, owner, second, { confirmedMatchIds: [first.id, third.id, newId()] });
  assert.deepEqual(saved, { status: "created", id: second.id, matchCheck: "ok" });
  const decisions = await testDb.prisma.customerDuplicateDecision.findMany({ where: { customerId: second.id }, orderBy: { matchId: "asc" } });
  assert.deepEqual(decisions.map((d) => [d.matchId, d.decidedById]), [first.id, third.id].sort().map((id) => [id, owner]));
  // Saving anyway twice (a double-click on "Save anyway") is a replay.
  assert.deepEqual(await saveCustomer(testDb.prisma, owner, second, { confirmedMatchIds: [first.id, third.id] }), { status: "replay", id: second.id });
});

test("orders: same amount within a day, or a similar description within minutes, asks first", async () => {
  const owner = await seedOwner(testDb.prisma);
  const c = customer({ name: "Margaret Hamilton" });
  await saveCustomer(testDb.prisma, owner, c);
  const order = (description: string, amount: string) => orderSchema.parse({ id: newId(), customerId: c.id, description, amount, currency: "USD" });
  assert.equal((await saveOrder(testDb.prisma, owner, order("Apollo guidance software", "100.00"))).status, "created");
  const sameAmount = await saveOrder(testDb.prisma, owner, order("Something else entirely", "100.00"));
  assert.equal(sameAmount.status, "possible-duplicate");
  assert.deepEqual(sameAmount.status === "possible-duplicate" && sameAmount.matches[0].reasons, ["same amount within 24 hours"]);
  const similar = await saveOrder(testDb.prisma, owner, order("Apollo guidance software.", "55.00"));
  assert.equal(similar.status, "possible-duplicate");
  assert.match(similar.status === "possible-duplicate" ? similar.matches[0].reasons[0] : "", /^similar description: /);
  assert.equal((await saveOrder(testDb.prisma, owner, order("Lunar module manuals", "55.00"))).status, "created");
});

test("a failing near-match check lets the save through, marked as unchecked", async () => {
  const owner = await seedOwner(testDb.prisma);
  const c = customer({ name: "Barbara Liskov" });
  await saveCustomer(testDb.prisma, owner, c);
  const { saveDuplicateSafe } = await import("../idempotency/save-once.ts");
  const errors: unknown[] = [];
  const id = newId();
  const outcome = await saveDuplicateSafe(testDb.prisma, {
    id,
    ownerId: owner,
    values: { name: "x" },
    lockKey: `customers:${owner}`,
    readExisting: async () => null,
    findMatches: async (tx) => {
      await tx.$queryRaw`SELECT pg_sleep(5)`; // longer than the statement timeout
      return [];
    },
    insert: async (tx) => (await tx.customer.createMany({ data: [{ id, ownerId: owner, name: "Barbara L", nameNormalized: "barbara l" }] })).count === 1,
    recordDecisions: async () => {},
    onMatchingError: (e) => errors.push(e),
  });
  assert.deepEqual(outcome, { status: "created", id, matchCheck: "failed" });
  assert.equal(errors.length, 1);
  assert.equal(await testDb.prisma.customer.count({ where: { id } }), 1);
});

test("the match query uses indexes, never a scan of the customers table or their names", async () => {
  const owner = await seedOwner(testDb.prisma);
  // Enough rows that a sequential scan would be the planner's choice if no index fitted.
  await testDb.prisma.$executeRaw`
    INSERT INTO "Customer" (id, "ownerId", name, email, phone, company, "nameNormalized", "emailNormalized", "phoneNormalized", "companyNormalized", "emailDomain", "phoneSuffix")
    SELECT gen_random_uuid(), ${owner}::uuid, n, e, '+1555' || lpad(g::text, 7, '0'), co, n, e, '1555' || lpad(g::text, 7, '0'), co, d, lpad(g::text, 7, '0')
      FROM (SELECT g, substr(md5(g::text), 1, 8) || ' ' || substr(md5((g * 7)::text), 1, 9) AS n,
                   'p' || g || '@' || substr(md5((g % 500)::text), 1, 10) || '.test' AS e,
                   substr(md5((g % 500)::text), 1, 10) || '.test' AS d,
                   substr(md5((g % 700 + 1000)::text), 1, 7) || ' ' || substr(md5((g % 700 + 2000)::text), 1, 6) AS co
              FROM generate_series(1, 20000) g) AS rows`;
  // VACUUM moves the bulk-inserted rows out of the GIN index's pending list, as autovacuum would
  // after a bulk load; until then the planner rightly prices the trigram index higher.
  await testDb.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Customer", "CustomerName"`);
  const plan = await testDb.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL pg_trgm.similarity_threshold = 0.6`);
    const original = tx.$queryRaw.bind(tx);
    let explained: unknown;
    // Run the real query under EXPLAIN by wrapping the transaction client's $queryRaw.
    const spy = Object.create(tx, {
      $queryRaw: {
        value: async (query: Prisma.Sql) => {
          explained = await original(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`);
          return [];
        },
      },
    });
    const [probe] = await tx.$queryRaw<{ name: string; email: string; company: string }[]>`SELECT name, email, company FROM "Customer" WHERE "ownerId" = ${owner}::uuid AND phone = '+15550001234'`;
    await findCustomerMatches(spy, owner, { name: probe.name, email: probe.email, phone: "+1 555 000 1234", company: probe.company });
    return JSON.stringify(explained);
  });
  assert.ok(plan.includes('"Relation Name":"Customer"'), "the plan reads Customer");
  assert.ok(!/"Node Type":"Seq Scan"[^}]*"Relation Name":"Customer(Name)?"/.test(plan), `no sequential scan of Customer or CustomerName:\n${plan}`);
  for (const index of [
    "Customer_ownerId_emailNormalized_idx",
    "Customer_ownerId_phoneNormalized_idx",
    "Customer_ownerId_nameNormalized_idx",
    "Customer_ownerId_emailDomain_idx",
    "Customer_ownerId_phoneSuffix_idx",
    "CustomerName_nameNormalized_idx",
  ]) {
    assert.ok(plan.includes(index), `the plan uses ${index}`);
  }
});

test("the review page's groups join records that match each other", async () => {
  const owner = await seedOwner(testDb.prisma);
  const { findDuplicateGroups } = await import("./find-duplicate-groups.ts");
  const a = customer({ name: "Alan Turing", email: "alan@bletchley.uk" });
  const b = customer({ name: "Alan Turing", email: "a.turing@manchester.ac.uk" });
  const c = customer({ name: "A M Turing", email: "a.turing@manchester.ac.uk" });
  const lone = customer({ name: "Hedy Lamarr" });
  await saveCustomer(testDb.prisma, owner, a);
  await saveCustomer(testDb.prisma, owner, b, { confirmedMatchIds: [a.id] });
  await saveCustomer(testDb.prisma, owner, c, { confirmedMatchIds: [b.id] });
  await saveCustomer(testDb.prisma, owner, lone);
  const groups = await matchingSession(testDb.prisma, (tx) => findDuplicateGroups(tx, owner));
  assert.equal(groups.length, 1);
  assert.deepEqual(groups[0].members.map((m) => m.id).sort(), [a.id, b.id, c.id].sort());
  assert.deepEqual([...groups[0].reasons].sort(), ["same email", "same name"]);
});
