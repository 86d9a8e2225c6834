// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import path from "node:path";
import { startEmbeddedPostgres } from "../../db/embedded.ts";
import { backfillMatchKeysAt } from "../../matching/match-keys.ts";
import { migrate } from "../../db/migrate.ts";

const embedded = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: path.join(path.resolve(process.env.DATA_DIR || ".data"), "pglite") });
try {
  const result = await migrate(process.env.DATABASE_URL || embedded!.url);
  for (const name of result.applied) console.log(`applied ${name}`);
  const keyed = await backfillMatchKeysAt(process.env.DATABASE_URL || embedded!.url);
  if (keyed > 0) console.log(`near-match keys written for ${keyed} customers saved before them`);
  console.log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
