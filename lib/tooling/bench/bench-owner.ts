import { randomUUID } from "node:crypto";
import type pg from "pg";
import { newId } from "../../ids.ts";

/** A fresh user for one benchmark run, and a count of the customers it has. */
export async function createBenchOwner(db: pg.Client) {
  const owner = newId();
  await db.query(`INSERT INTO "User" (id, email, "passwordHash") VALUES ($1, $2, 'bench')`, [owner, `bench-${randomUUID()}@example.com`]);
  const countCustomers = async () => Number((await db.query(`SELECT count(*) FROM "Customer" WHERE "ownerId" = $1`, [owner])).rows[0].count);
  return { owner, countCustomers };
}
