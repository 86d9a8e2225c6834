// Whether this instance should be sent requests: the database answers, every migration this build
// ships is applied, and the process is not shutting down. A load balancer asks it every second or
// so (HAProxy's `option httpchk`), so it is one short query, and the migration check stops once
// it has passed: migrations are never taken back.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { isDraining } from "./draining.ts";

export type Readiness = { ready: true } | { ready: false; reason: "draining" | "database unreachable" | "migrations pending" };

const CHECK_TIMEOUT_MS = 2_000;

/** The migrations this build ships, by directory name (prisma/migrations, from the app's directory). */
export async function shippedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

export function readinessCheck(db: PrismaClient, migrations: () => Promise<string[]> = shippedMigrations) {
  let migrated = false;
  const appliedMigrations = () =>
    db.$queryRaw<{ name: string }[]>`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return async function readiness(): Promise<Readiness> {
    if (isDraining()) return { ready: false, reason: "draining" };
    if (migrated) {
      const answered = await withTimeout(db.$queryRaw`SELECT 1`).then(
        () => true,
        () => false,
      );
      return answered ? { ready: true } : { ready: false, reason: "database unreachable" };
    }
    let applied: { name: string }[];
    try {
      applied = await withTimeout(appliedMigrations());
    } catch {
      // A database never migrated has no _prisma_migrations: that is "pending", not "unreachable".
      const answered = await withTimeout(db.$queryRaw`SELECT 1`).then(
        () => true,
        () => false,
      );
      return { ready: false, reason: answered ? "migrations pending" : "database unreachable" };
    }
    const done = new Set(applied.map((r) => r.name));
    if (!(await migrations()).every((name) => done.has(name))) return { ready: false, reason: "migrations pending" };
    migrated = true;
    return { ready: true };
  };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
