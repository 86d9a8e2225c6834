// Tickets that look like the one being saved: the same owner's tickets from the last day whose
// normalised title is trigram-similar. The (ownerId, createdAt) index bounds the rows compared.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { alike } from "./evidence/describe-evidence.ts";
import { normaliseName } from "@/lib/matching/normalise.ts";
import { MATCHING } from "./config.ts";

export interface TicketMatch {
  id: string;
  title: string;
  details: string;
  createdAt: Date;
  createdBy: string;
  score: number;
  reasons: string[];
}

function ticketMatchReasons(score: number): string[] {
  return [score >= 1 ? "same title" : `similar title, ${alike(score)}`];
}

/** The owner's tickets from the window whose title is alike, or null when the title is too short to compare. */
export function ticketCandidates(ownerId: string, title: string, options: { excludeId?: string } = {}, config = MATCHING.ticket): Prisma.Sql | null {
  const normalized = normaliseName(title.slice(0, 200));
  if (normalized.length < config.minTitleLength) return null;
  return Prisma.sql`
    SELECT id::text AS id, title, details, "createdAt", email AS "createdBy", score FROM (
      SELECT t.id, t.title, t.details, t."createdAt", u.email, similarity(t."titleNormalized", ${normalized}) AS score
        FROM "Ticket" t JOIN "User" u ON u.id = t."ownerId"
       WHERE t."ownerId" = ${ownerId}::uuid
         AND t."createdAt" >= now() - make_interval(hours => ${config.windowHours}::int)
         AND t.id::text <> ${options.excludeId ?? ""}
    ) candidates
    WHERE score >= ${config.titleSimilarity}
    ORDER BY score DESC, "createdAt" DESC
    LIMIT ${config.maxResults}`;
}

export const ticketMatchesFrom = (rows: ReadonlyArray<Omit<TicketMatch, "reasons">>): TicketMatch[] =>
  rows.map((r) => ({ ...r, score: Number(Number(r.score).toFixed(3)), reasons: ticketMatchReasons(Number(r.score)) }));

/** On their own, for the Lab's page. */
export async function findTicketMatches(
  tx: Prisma.TransactionClient,
  ownerId: string,
  title: string,
  options: { excludeId?: string } = {},
): Promise<TicketMatch[]> {
  const query = ticketCandidates(ownerId, title, options);
  return query ? ticketMatchesFrom(await tx.$queryRaw<Array<Omit<TicketMatch, "reasons">>>(query)) : [];
}
