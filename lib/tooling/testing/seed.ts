import { randomInt, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { newId } from "../../ids.ts";

/** A fresh owner for one test; the password hash is a placeholder, nobody signs in as it. */
export async function seedOwner(db: PrismaClient): Promise<string> {
  const id = newId();
  await db.user.create({ data: { id, email: `owner-${randomUUID()}@example.com`, passwordHash: "unused" } });
  return id;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const word = (length = 9) => Array.from({ length }, () => LETTERS[randomInt(26)]).join("");

/** Form values for a customer unlike any other: random names share almost no trigrams. */
export function distinctCustomer(id = newId()) {
  const first = word();
  return {
    id,
    name: `${first[0].toUpperCase()}${first.slice(1)} ${word()}`,
    email: `${word()}@${word()}.test`,
    phone: `+1 ${randomInt(200, 999)} ${randomInt(100, 999)} ${randomInt(1000, 9999)}`,
    company: "",
  };
}
