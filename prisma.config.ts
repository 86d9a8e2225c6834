import { defineConfig } from "prisma/config";

// No `env()` here: `prisma generate` must work without a database URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
