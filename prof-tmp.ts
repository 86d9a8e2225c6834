import { createPrismaClient } from "./lib/db/create-client.ts";
import { saveCustomer } from "./lib/customers/save-customer.ts";
import { distinctCustomer, seedOwner } from "./lib/testing/seed.ts";
import { customerSchema } from "./lib/validations/customer.ts";
const db = createPrismaClient("postgresql://postgres@127.0.0.1:5432/bench_after", 10);
const owner = await seedOwner(db);
async function storm(n: number) {
  const bodies = Array.from({ length: n }, () => customerSchema.parse(distinctCustomer()));
  let i = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: 50 }, async () => { while (i < bodies.length) { const b = bodies[i++]; await saveCustomer(db, owner, b); } }));
  return (n / ((performance.now() - t) / 1000)).toFixed(0);
}
await storm(500);
console.log("saves/s", await storm(2000), await storm(2000));
await db.$disconnect();
