// The Integration Lab's live panel: each order the Lab tried to place, as this app sees it (does it
// exist, how many confirmations and provider events its timeline shows) beside the provider's own
// count of shipments for it, so a copy is visible the moment it happens.
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { LAB_ORDER_PLACED } from "./lab-topic.ts";
import { sandboxAdmin } from "@/lib/fulfilment/sandbox-admin.ts";
import { recentLabAttempts } from "./integration-log.ts";

export interface LabOrderRow {
  orderId: string;
  description: string;
  outcome: string;
  at: string;
  exists: boolean;
  status: string | null;
  /** The provider's count, or null when it cannot be asked (not the sandbox, or not answering). */
  shipments: number | null;
  confirmations: number;
  providerEvents: number;
  /** Provider events shown more than once: the same news applied twice. */
  providerEventsRepeated: number;
  shipmentId: string | null;
}

export async function labIntegrationView(db: PrismaClient, ownerId: string) {
  const attempts = await recentLabAttempts(db, ownerId);
  const orderAttempts = attempts.filter((a) => a.kind === "order");
  const ids = [...new Set(orderAttempts.map((a) => a.orderId))];
  const [orders, events] = await Promise.all([
    db.order.findMany({ where: { ownerId, id: { in: ids } }, select: { id: true, shipmentId: true } }),
    db.outboxEvent.findMany({
      where: { ownerId, topic: LAB_ORDER_PLACED, aggregateId: { in: ids } },
      select: { aggregateId: true, status: true, log: { where: { kind: { in: ["confirmed", "provider"] } }, select: { kind: true, detail: true } } },
    }),
  ]);
  const admin = sandboxAdmin();
  const shipments = new Map(
    await Promise.all(
      ids.map(
        async (id) =>
          [
            id,
            admin
              ? await admin.shipments(id).then(
                  (s) => s.count,
                  () => null,
                )
              : null,
          ] as const,
      ),
    ),
  );
  const seen = new Set<string>();
  const rows: LabOrderRow[] = [];
  for (const a of orderAttempts) {
    if (seen.has(a.orderId)) continue;
    seen.add(a.orderId);
    const order = orders.find((o) => o.id === a.orderId);
    const event = events.find((e) => e.aggregateId === a.orderId);
    // A copy applied as news again reads the same, but for the note that it changed nothing.
    const reported = event?.log.filter((l) => l.kind === "provider").map((l) => (l.detail ?? "").replace(/ \(out of date: nothing changed\)$/, "")) ?? [];
    rows.push({
      orderId: a.orderId,
      description: a.description,
      outcome: a.outcome,
      at: new Date(a.at).toISOString(),
      exists: Boolean(order),
      status: event?.status ?? (order ? "sent directly" : null),
      shipments: shipments.get(a.orderId) ?? null,
      confirmations: event?.log.filter((l) => l.kind === "confirmed").length ?? 0,
      providerEvents: reported.length,
      providerEventsRepeated: reported.length - new Set(reported).size,
      shipmentId: order?.shipmentId ?? null,
    });
  }
  const forged = attempts.filter((a) => a.kind === "forged").map((a) => ({ at: new Date(a.at).toISOString(), orderId: a.orderId, status: a.status }));
  return { orders: rows, forged };
}

export type LabIntegrationView = Awaited<ReturnType<typeof labIntegrationView>>;
