-- The Integration Lab's orders have a topic of their own (lib/lab/lab-topic.ts): the Lab's
-- switches no longer travel on "order.placed". Lab orders are those of the Lab's customer.
UPDATE "OutboxEvent" e SET topic = 'order.placed:lab'
  FROM "Order" o JOIN "Customer" c ON c.id = o."customerId"
 WHERE e.topic = 'order.placed' AND o.id = e."aggregateId" AND c."lab";
