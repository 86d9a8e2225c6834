import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client.ts";
import { normaliseName } from "@/lib/matching/normalise.ts";
import { saveDuplicateSafe, type SaveOutcome } from "@/lib/save-once/save-once.ts";
import { ticketCandidates, ticketMatchesFrom, type TicketMatch } from "@/lib/matching/find-ticket-matches.ts";
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
    existing: Prisma.sql`SELECT "ownerId"::text AS "ownerId", title, details FROM "Ticket" WHERE id = ${id}::uuid`,
    candidates: options.nearMatch === false ? null : ticketCandidates(ownerId, title, { excludeId: id }),
    matchesFrom: (rows) => ticketMatchesFrom(rows as unknown as TicketMatch[]),
    insert: async (tx, decidedMatchIds) => {
      const { count } = await tx.ticket.createMany({
        data: [{ id, ownerId, title, details, titleNormalized: normaliseName(title) }],
        skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING
      });
      if (count === 1 && decidedMatchIds.length > 0) {
        await tx.ticketDuplicateDecision.createMany({ data: decidedMatchIds.map((matchId) => ({ ticketId: id, matchId, decidedById: ownerId })) });
      }
      return count === 1;
    },
    onMatchingError: (error) => console.error("ticket near-match check failed; saved without it:", error),
  });
}
