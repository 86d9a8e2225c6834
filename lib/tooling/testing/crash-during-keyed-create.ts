// A child process for the crash test: it claims an Idempotency-Key, creates the customer inside
// the key's transaction, says "claimed" on stdout and waits to be killed before it can commit.
import { createPrismaClient } from "../../db/create-client.ts";
import { createCustomer } from "../../api/customers.ts";
import { keyedCreate } from "../../api/keyed-create.ts";
import { apiCustomerSchema } from "../../api/schemas.ts";

const [url, userId, key, body] = process.argv.slice(2);
const db = createPrismaClient(url, 1);
await keyedCreate(db, { userId, path: "/api/v1/customers", idempotencyKey: key, body: JSON.parse(body) }, apiCustomerSchema, async (tx, user, input) => {
  const result = await createCustomer(tx, user, input);
  process.stdout.write(`claimed ${result.status}\n`);
  await new Promise(() => {}); // the parent kills this process here, before commit
  return result;
});
