import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { newId } from "../ids.ts";

/** A fresh owner for one test; the password hash is a placeholder, nobody signs in as it. */
export async function seedOwner(db: PrismaClient): Promise<string> {
  const id = newId();
  await db.user.create({ data: { id, email: `owner-${randomUUID()}@example.com`, passwordHash: "unused" } });
  return id;
}
