// `npm run outbox:reprocess [-- --owner <email>]`: puts failed deliveries back in the queue as one
// batch, with their original IDs, so the provider makes no second shipment for any it already took.
import { parseArgs } from "node:util";
import { requeueFailed } from "../../outbox/store.ts";
import { openAppDatabase } from "../../startup/app-database.ts";

const { values } = parseArgs({ options: { owner: { type: "string" } } });
const database = await openAppDatabase();
try {
  let ownerId: string | null = null;
  if (values.owner) {
    const user = await database.db.user.findUnique({ where: { email: values.owner.toLowerCase() }, select: { id: true } });
    if (!user) throw new Error(`no user with the email ${values.owner}`);
    ownerId = user.id;
  }
  const n = await requeueFailed(database.db, { ownerId, ids: null, by: "operator (command line)" });
  console.log(`${n} failed ${n === 1 ? "delivery" : "deliveries"} queued again${values.owner ? ` for ${values.owner}` : ""}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
