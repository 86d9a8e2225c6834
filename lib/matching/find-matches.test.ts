// The matching queries on a real database: the evidence the model weighs, common and rare names,
// blocking keys and their backfill, the race between near-identical saves, the "Save anyway"
// subset rule, and proof (EXPLAIN) that lookups use indexes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { saveCustomer } from "../customers/save-customer.ts";
import { insertCustomers } from "../customers/insert-customers.ts";
import { mergePartners } from "../customers/merge/merge-partners.ts";
import { markNotDuplicates, undoNotDuplicates } from "../customers/not-duplicates.ts";
import { findDuplicateGroups } from "./find-duplicate-groups.ts";
import { newId } from "../ids.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { customerSchema } from "../validations/customer.ts";
import { orderSchema } from "../validations/order.ts";
import { saveOrder } from "../orders/save-order.ts";
import { customerMatchQuery, suggestCustomerMatches } from "./find-customer-matches.ts";
import { generatePopulationNames } from "../tooling/matching/fixtures/generate-realistic-pairs.ts";
import { MATCHING } from "./config.ts";
import { matchingSession } from "./session.ts";
import { seedNames } from "../tooling/bench/match-evaluation.ts";
import { backfillMatchKeys } from "./match-keys.ts";
import { customerModel } from "./evidence/customer-model.ts";

const testDb = openTestPrisma();
const customer = (values: { name: string; email?: string; phone?: string; company?: string }) =>
  customerSchema.parse({ id: newId(), email: "", phone: "", company: "", ...values });
const matchesFor = (owner: string, probe: Parameters<typeof suggestCustomerMatches>[2]) => suggestCustomerMatches(testDb.prisma, owner, probe);

test("customers: each kind of evidence finds its match, with its sign; other owners' records never match", async () => {
  const owner = await seedOwner(testDb.prisma);
  const stranger = await seedOwner(testDb.prisma);
  const ada = customer({ name: "Ada Lovelace", email: "ada@engines.co.uk", phone: "+44 20 7946 0958", company: "Analytical Engines Ltd" });
  assert.equal((await saveCustomer(testDb.prisma, owner, ada)).status, "created");
  await saveCustomer(testDb.prisma, stranger, customer({ name: "Ada Lovelace", email: "ada@engines.co.uk" }));

  const byEmail = await matchesFor(owner, { name: "A. Lovelace", email: " ADA@engines.co.uk" });
  assert.deepEqual(
    byEmail.map((m) => m.id),
    [ada.id],
  );
  assert.deepEqual(
    byEmail[0].evidence.map((e) => [e.text, e.sign]),
    [
      ["same email", "+"],
      ["nearly the same name, 97% alike", "+"],
    ],
  );
  assert.ok(byEmail[0].probability > 0.85 && byEmail[0].probability <= 1);
  assert.deepEqual(
    (await matchesFor(owner, { name: "ada  LOVELACE!" })).map((m) => m.reasons),
    [["same name"]],
  );
  const business = await matchesFor(owner, { name: "Analytical Engines Inc.", phone: "020 7946 0958" });
  assert.deepEqual(
    business.map((m) => m.reasons),
    [["same phone", "one's name is the other's company"]],
  );
  const typo = await matchesFor(owner, { name: "Ada Lovelase", company: "Analytical Engines GmbH", phone: "+1 212 555 0100" });
  assert.deepEqual(
    typo.map((m) => m.evidence.map((e) => e.sign)),
    [["-", "0", "+"]],
    "different phone; same company, neutral (colleagues share one); nearly the same name",
  );
  assert.equal(typo[0].createdBy.includes("@"), true);
  // Relatives share a phone: the same number under another name is no match on its own.
  assert.deepEqual(await matchesFor(owner, { name: "Byron Milbanke", phone: "+44 20 7946 0958" }), []);
  assert.deepEqual(await matchesFor(owner, { name: "A" }), [], "one letter never searches");
  assert.deepEqual(await matchesFor(owner, { name: "x".repeat(100_000) }), [], "very long input is cut, not compared whole");
});

test("an exact name alone: a rare one is a match, one that many of the owner's customers bear is not", async () => {
  const owner = await seedOwner(testDb.prisma);
  // As many bearers as the commonest name the model was fitted on: beyond that a name weighs no less.
  await seedNames(
    testDb.prisma,
    owner,
    Array.from({ length: customerModel.commonestName }, () => "Maria Garcia"),
  );
  const rare = customer({ name: "Ottoline Brackenbury" });
  await saveCustomer(testDb.prisma, owner, rare);
  assert.deepEqual(
    (await matchesFor(owner, { name: "Ottoline Brackenbury" })).map((m) => m.id),
    [rare.id],
  );
  assert.deepEqual(await matchesFor(owner, { name: "maria GARCIA" }), []);
  // However common the name, the same email makes it the same customer.
  const maria = customer({ name: "Maria Garcia", email: "maria.garcia@gmail.com" });
  assert.equal((await saveCustomer(testDb.prisma, owner, maria)).status, "created");
  await seedNames(
    testDb.prisma,
    owner,
    Array.from({ length: 500 }, () => "Maria Garcia"),
  );
  assert.deepEqual(
    (await matchesFor(owner, { name: "María García", email: "Maria.Garcia+shop@gmail.com" })).map((m) => m.id),
    [maria.id],
  );
  const withEmail = await seedNames(testDb.prisma, owner, ["Jean Dupont"]).then(() => matchesFor(owner, { name: "Jean Dupont", email: "jean@dupont.fr" }));
  assert.equal(withEmail.length, 1, "one namesake: the name still counts");
});

test("keys are written with each save, and customers saved without them get theirs from the backfill", async () => {
  const owner = await seedOwner(testDb.prisma);
  const saved = customer({ name: "Grace Hopper", email: "grace@navy.mil" });
  await saveCustomer(testDb.prisma, owner, saved);
  const keys = await testDb.prisma.customerMatchKey.findMany({ where: { customerId: saved.id }, select: { key: true } });
  assert.deepEqual(keys.map((k) => k.key).sort(), [
    "d:navy.mil",
    "e:grace@navy.mil",
    "i:g+HPR",
    "i:h+KRS",
    "j:gracehopper",
    "n:grace hopper",
    "o:HPR",
    "o:KRS",
    "p:gra hop",
    "s:ace per",
    "w:HPR KRS",
  ]);
  // A bulk load that wrote only Customer rows, as before keys existed.
  const id = newId();
  await testDb.prisma.customer.create({ data: { id, ownerId: owner, name: "Linus Pauling", nameNormalized: "linus pauling", company: "Caltech" } });
  assert.deepEqual(await matchesFor(owner, { name: "Linus Pauling" }), []);
  assert.ok((await backfillMatchKeys(testDb.prisma)) >= 1);
  assert.deepEqual(
    (await matchesFor(owner, { name: "Linus Paulling", company: "Caltech Inc." })).map((m) => m.id),
    [id],
  );
  assert.equal(await backfillMatchKeys(testDb.prisma), 0, "nothing left to key");
});

test("bulk loads and the start-up backfill key a customer's address too", async () => {
  const owner = await seedOwner(testDb.prisma);
  const house = { street: "7 Eccles Street", postcode: "D07", city: "Dublin", country: "IE" };
  await insertCustomers(testDb.prisma, owner, [{ name: "Molly Bloom", ...house }]);
  const probe = { name: "Marion Bloom-Tweedy", ...house };
  const found = async () => (await suggestCustomerMatches(testDb.prisma, owner, probe)).map((m) => [m.name, m.street]);
  assert.deepEqual(await found(), [["Molly Bloom", "7 Eccles Street"]]);
  await testDb.prisma.customerMatchKey.deleteMany({ where: { ownerId: owner } });
  assert.deepEqual(await found(), []);
  assert.ok((await backfillMatchKeys(testDb.prisma)) >= 1);
  assert.deepEqual(await found(), [["Molly Bloom", "7 Eccles Street"]]);
});

test("a live suggestion is one bounded statement: 300 Garcias bring at most maxCandidates rows", async () => {
  const owner = await seedOwner(testDb.prisma);
  const firsts = ["Maria", "Mario", "Marta", "Mariana", "Marco", "Ana", "Jose", "Juan", "Lucia", "Pablo"];
  await insertCustomers(
    testDb.prisma,
    owner,
    Array.from({ length: 300 }, (_, i) => ({ name: `${firsts[i % firsts.length]} Garcia` })),
  );
  const rows = await testDb.prisma.$queryRaw<unknown[]>(customerMatchQuery(owner, { name: "Maria Garcia" }, {}, MATCHING.customer));
  assert.equal(rows.length, MATCHING.customer.maxCandidates);
  const matches = await suggestCustomerMatches(testDb.prisma, owner, { name: "Maria Garcia" });
  assert.ok(matches.length <= MATCHING.customer.maxResults);
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
  assert.deepEqual(
    decisions.map((d) => [d.matchId, d.decidedById]),
    [first.id, third.id].sort().map((id) => [id, owner]),
  );
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
  assert.match(similar.status === "possible-duplicate" ? similar.matches[0].reasons[0] : "", /^similar description, (\d+% alike|written differently), within /);
  assert.equal((await saveOrder(testDb.prisma, owner, order("Lunar module manuals", "55.00"))).status, "created");
});

test("a failing near-match check lets the save through, marked as unchecked", async () => {
  const owner = await seedOwner(testDb.prisma);
  const c = customer({ name: "Barbara Liskov" });
  await saveCustomer(testDb.prisma, owner, c);
  const { saveDuplicateSafe } = await import("../save-once/save-once.ts");
  const errors: unknown[] = [];
  const id = newId();
  const outcome = await saveDuplicateSafe(testDb.prisma, {
    record: "customer",
    id,
    ownerId: owner,
    values: { name: "x" },
    lockKeys: [`customers:${owner}`],
    existing: Prisma.sql`SELECT "ownerId"::text AS "ownerId", name FROM "Customer" WHERE id = ${id}::uuid`,
    candidates: Prisma.sql`SELECT 1 / 0 AS impossible`, // the check fails (a slow one, cut by its time limit: save-lock.server.test.ts)
    matchesFrom: () => [],
    insert: async (tx) => (await tx.customer.createMany({ data: [{ id, ownerId: owner, name: "x", nameNormalized: "x" }] })).count === 1,
    onMatchingError: (e) => errors.push(e),
  });
  assert.deepEqual(outcome, { status: "created", id, matchCheck: "failed" });
  assert.equal(errors.length, 1);
  assert.equal(await testDb.prisma.customer.count({ where: { id } }), 1);
});

test("the match query uses indexes, never a scan of the customers or their keys", async () => {
  const owner = await seedOwner(testDb.prisma);
  // Enough rows that a sequential scan would be the planner's choice if no index fitted.
  const names = generatePopulationNames(20_000);
  await seedNames(testDb.prisma, owner, names);
  await testDb.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Customer", "CustomerMatchKey"`);
  const query = customerMatchQuery(
    owner,
    { name: names[7], email: "someone@example.org", phone: "+1 555 000 1234", company: "Acme Inc." },
    {},
    MATCHING.customer,
  );
  const [{ "QUERY PLAN": plan }] = await testDb.prisma.$queryRaw<Array<{ "QUERY PLAN": unknown }>>(Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`);
  const text = JSON.stringify(plan);
  assert.ok(text.includes('"Index Name":"CustomerMatchKey_pkey"'), "keys are looked up by the primary key's index");
  assert.ok(!/"Node Type":"Seq Scan"[^}]*"Relation Name":"Customer(MatchKey)?"/.test(text), `no sequential scan of Customer or CustomerMatchKey:\n${text}`);
});

test("the review page's groups join records that match each other", async () => {
  const owner = await seedOwner(testDb.prisma);
  const { findDuplicateGroups } = await import("./find-duplicate-groups.ts");
  // Saved as an import would, with no decision between them: "Save anyway" would be one.
  await insertCustomers(testDb.prisma, owner, [
    { name: "Alan Turing", email: "alan@bletchley.uk" },
    { name: "Alan Turing", email: "a.turing@manchester.ac.uk" },
    { name: "A M Turing", email: "a.turing@manchester.ac.uk" },
    { name: "Hedy Lamarr" },
  ]);
  const ids = (await testDb.prisma.customer.findMany({ where: { ownerId: owner, name: { contains: "Turing" } }, select: { id: true } })).map((r) => r.id);
  const groups = await matchingSession(testDb.prisma, (tx) => findDuplicateGroups(tx, owner));
  assert.equal(groups.length, 1);
  assert.deepEqual(groups[0].members.map((m) => m.id).sort(), ids.sort());
  assert.deepEqual([...groups[0].reasons].sort(), ["one name is part of the other", "same email", "same name"]);
});

test("pairs a person decided stand apart ('Save anyway', 'Not a duplicate') leave the review page and Merge with…; undo brings them back", async () => {
  const owner = await seedOwner(testDb.prisma);
  const db = testDb.prisma;
  const ada = customer({ name: "Ada Lovelace", email: "ada@engines.example" });
  const twin = customer({ name: "Ada Lovelace", email: "ada@engines.example" });
  await saveCustomer(db, owner, ada);
  assert.equal((await saveCustomer(db, owner, twin)).status, "possible-duplicate");
  assert.equal((await saveCustomer(db, owner, twin, { confirmedMatchIds: [ada.id] })).status, "created");
  const groupsOf = () => matchingSession(db, (tx) => findDuplicateGroups(tx, owner));
  assert.deepEqual(await groupsOf(), [], "Save anyway decided the pair");

  await insertCustomers(db, owner, [
    { name: "Grace Hopper", email: "grace@navy.example" },
    { name: "Grace Hopper", email: "grace@navy.example" },
  ]);
  const graces = await db.customer.findMany({
    where: { ownerId: owner, name: "Grace Hopper" },
    select: { id: true, name: true, email: true, phone: true, company: true, street: true, postcode: true, city: true, country: true },
  });
  assert.equal((await groupsOf()).length, 1);
  assert.equal((await mergePartners(db, owner, graces[0], "")).length, 1);
  const marked = await markNotDuplicates(
    db,
    owner,
    graces.map((g) => g.id),
  );
  assert.equal(marked.status === "marked" && marked.pairs, 1);
  assert.deepEqual(await groupsOf(), [], "the review page leaves them out");
  assert.deepEqual(await mergePartners(db, owner, graces[0], ""), [], "Merge with… does not offer them");
  assert.equal(
    marked.status === "marked" &&
      (await undoNotDuplicates(
        db,
        owner,
        graces.map((g) => g.id),
        marked.at,
      )),
    1,
  );
  assert.equal((await groupsOf()).length, 1, "undone: asked about again");
  assert.equal((await markNotDuplicates(db, owner, [graces[0].id])).status, "invalid");
  const stranger = await seedOwner(db);
  assert.equal(
    (
      await markNotDuplicates(
        db,
        stranger,
        graces.map((g) => g.id),
      )
    ).status,
    "invalid",
    "another user's customers cannot be decided",
  );
});

test("the same mailbox always asks, whatever the names: a new surname is flagged on save, live, and on the duplicates page", async () => {
  const owner = await seedOwner(testDb.prisma);
  const ada = customer({ name: "Ada Lovelace", email: "ada@example.com" });
  assert.equal((await saveCustomer(testDb.prisma, owner, ada)).status, "created");
  assert.deepEqual(
    (await matchesFor(owner, { name: "Ada King", email: "ada@example.com" })).map((m) => m.id),
    [ada.id],
    "live suggestion",
  );
  const king = customer({ name: "Ada King", email: "ADA@example.com" });
  const saved = await saveCustomer(testDb.prisma, owner, king);
  assert.equal(saved.status, "possible-duplicate", "the save asks first");
  assert.deepEqual(saved.status === "possible-duplicate" ? saved.matches.map((m) => m.id) : [], [ada.id]);
  assert.deepEqual(
    (await matchesFor(owner, { name: "Someone Else", email: "ada@example.com" })).map((m) => m.id),
    [ada.id],
  );
  assert.deepEqual(await matchesFor(owner, { name: "Ada King", email: "king@example.com" }), [], "a different mailbox and another surname is not asked about");

  await insertCustomers(testDb.prisma, owner, [{ name: "Ada King", email: "ada@example.com" }]);
  const kingId = (await testDb.prisma.customer.findFirstOrThrow({ where: { ownerId: owner, name: "Ada King" } })).id;
  const groups = await testDb.prisma.$transaction((tx) => findDuplicateGroups(tx, owner));
  assert.ok(
    groups.some((g) => [ada.id, kingId].every((id) => g.members.some((m) => m.id === id))),
    "the duplicates page lists the pair",
  );
});
