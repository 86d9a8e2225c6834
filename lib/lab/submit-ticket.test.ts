// The Lab's switches change what the same submit does, through the same save as the real forms.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "../ids.ts";
import { seedOwner } from "../tooling/testing/seed.ts";
import { openTestPrisma } from "../tooling/testing/test-prisma.ts";
import { LAB_DEFAULTS } from "./settings.ts";
import { submitTicket } from "./submit-ticket.ts";

const testDb = openTestPrisma();
const ticketsOf = (ownerId: string) => testDb.prisma.ticket.count({ where: { ownerId } });
const form = (id: string, title = "Printer is on fire") => ({ id, title, details: "Tray 2", confirmDuplicateOf: "" });

test("all protections on: a repeat of one form is a replay, a second form with the same title asks first", async () => {
  const owner = await seedOwner(testDb.prisma);
  const id = newId();
  assert.equal((await submitTicket(testDb.prisma, owner, form(id), LAB_DEFAULTS)).status, "created");
  assert.equal((await submitTicket(testDb.prisma, owner, form(id), LAB_DEFAULTS)).status, "replay");
  const second = await submitTicket(testDb.prisma, owner, form(newId(), "Printer is on fire!"), LAB_DEFAULTS);
  assert.equal(second.status, "possible-duplicate");
  assert.equal(await ticketsOf(owner), 1);
});

test("Browser-generated ID off: the server makes an ID per request, so a repeat is a new ticket", async () => {
  const owner = await seedOwner(testDb.prisma);
  const settings = { ...LAB_DEFAULTS, browserId: false, nearMatch: false };
  const first = await submitTicket(testDb.prisma, owner, form(""), settings);
  const again = await submitTicket(testDb.prisma, owner, form(""), settings);
  assert.equal(first.status, "created");
  assert.equal(again.status, "created");
  assert.notEqual("ticketId" in first && first.ticketId, "ticketId" in again && again.ticketId);
  assert.equal(await ticketsOf(owner), 2);
});

test("Near-match check off: the same title under a new ID is saved without a question", async () => {
  const owner = await seedOwner(testDb.prisma);
  const settings = { ...LAB_DEFAULTS, nearMatch: false };
  await submitTicket(testDb.prisma, owner, form(newId()), settings);
  assert.equal((await submitTicket(testDb.prisma, owner, form(newId()), settings)).status, "created");
  assert.equal(await ticketsOf(owner), 2);
});

test("Save anyway: confirmed matches are saved beside, with the decision recorded", async () => {
  const owner = await seedOwner(testDb.prisma);
  const firstId = newId();
  await submitTicket(testDb.prisma, owner, form(firstId), LAB_DEFAULTS);
  const secondId = newId();
  const saved = await submitTicket(testDb.prisma, owner, { ...form(secondId), confirmDuplicateOf: firstId }, LAB_DEFAULTS);
  assert.equal(saved.status, "created");
  const decisions = await testDb.prisma.ticketDuplicateDecision.findMany({ where: { ticketId: secondId } });
  assert.deepEqual(
    decisions.map((d) => [d.matchId, d.decidedById]),
    [[firstId, owner]],
  );
});

test("bad input is refused field by field and writes nothing; another user's ticket ID is refused", async () => {
  const owner = await seedOwner(testDb.prisma);
  const bad = await submitTicket(testDb.prisma, owner, { id: "not-a-uuid", title: "", details: "x".repeat(501) }, LAB_DEFAULTS);
  assert.equal(bad.status, "invalid");
  assert.deepEqual(Object.keys(bad.status === "invalid" ? bad.fieldErrors : {}).sort(), ["details", "id", "title"]);
  const id = newId();
  await submitTicket(testDb.prisma, owner, form(id), LAB_DEFAULTS);
  const stranger = await seedOwner(testDb.prisma);
  assert.equal((await submitTicket(testDb.prisma, stranger, form(id), LAB_DEFAULTS)).status, "foreign");
  assert.equal(await ticketsOf(stranger), 0);
  assert.equal(await ticketsOf(owner), 1);
});
