// next-auth's authorize() for email and password. next-auth copies a thrown error's message into
// the URL it answers with, so only fixed codes (sign-in-error.ts) are ever thrown from here:
// anything unexpected, a database error above all, is logged and becomes "unavailable".
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { clientAddress, FORWARDED_FOR } from "@/lib/net/client-address.ts";
import { authenticate } from "./authenticate.ts";
import { signInErrorCode } from "./sign-in-error.ts";

export async function authorizeCredentials(
  db: () => PrismaClient,
  credentials: Record<string, unknown> | undefined,
  headers: Record<string, unknown> | undefined,
): Promise<{ id: string; email: string }> {
  let result;
  try {
    const forwarded = headers?.[FORWARDED_FOR];
    result = await authenticate(db(), credentials ?? {}, clientAddress(typeof forwarded === "string" ? forwarded : null));
  } catch (error) {
    console.error("sign-in failed:", error);
    throw new Error(signInErrorCode({ ok: false, reason: "unavailable" }));
  }
  if (result.ok) return result.user;
  throw new Error(signInErrorCode(result));
}
