import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { normaliseName } from "@/lib/customers/normalise.ts";
import { saveDuplicateSafe, type SaveOutcome } from "@/lib/idempotency/save-once.ts";
import { findTicketMatches, type TicketMatch } from "@/lib/matching/find-ticket-matches.ts";
import type { TicketInput } from "@/lib/validations/ticket.ts";

export type TicketSaveOutcome = SaveOutcome<TicketMatch>;

/**
 * Saves a Lab ticket through the same duplicate-safe save as customers and orders. `nearMatch:
 * false` is the Lab's "Near-match check" switch turned off: the check finds nothing to ask about.
 */
export function saveTicket(
  db: PrismaClient,
  ownerId: string,
  input: TicketInput,
  options: { confirmedMatchIds?: readonly string[]; nearMatch?: boolean } = {},
): Promise<TicketSaveOutcome> {
  const { id, title, details } = input;
  return saveDuplicateSafe(db, {
    record: "lab_ticket",
    id,
    ownerId,
    values: { title, details },
    confirmedMatchIds: options.confirmedMatchIds,
    lockKeys: [`tickets:${ownerId}`],
    readExisting: async (tx) => {
      const row = await tx.ticket.findUnique({ where: { id }, select: { ownerId: true, title: true, details: true } });
      if (!row) return null;
      const { ownerId: owner, ...values } = row;
      return { ownerId: owner, values };
    },
    findMatches: async (tx) => (options.nearMatch === false ? [] : findTicketMatches(tx, ownerId, title, { excludeId: id })),
    insert: async (tx) => {
      const { count } = await tx.ticket.createMany({
        data: [{ id, ownerId, title, details, titleNormalized: normaliseName(title) }],
        skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING
      });
      return count === 1;
    },
    recordDecisions: async (tx, matchIds) => {
      await tx.ticketDuplicateDecision.createMany({ data: matchIds.map((matchId) => ({ ticketId: id, matchId, decidedById: ownerId })) });
    },
    onMatchingError: (error) => console.error("ticket near-match check failed; saved without it:", error),
  });
}
