import { hash, verify } from "@node-rs/argon2";
import { withHashSlot } from "./hash-gate.ts";

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, unusable with isolatedModules) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Rejects with HashGateBusy when too many hashes are already waiting. */
export const hashPassword = (password: string) => withHashSlot(() => hash(password, OPTIONS));

/** False for a wrong password; rejects with HashGateBusy when too many hashes are already waiting. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withHashSlot(() => verify(passwordHash, password).catch(() => false));
}

// Verified against when the email is unknown, so that "no such user" takes as long as
// "wrong password" and response times do not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;
export function burnPasswordCheck(password: string): Promise<boolean> {
  dummyHash ??= hash("not-a-real-password-for-timing", OPTIONS);
  return dummyHash.then((h) => verifyPassword(h, password));
}
