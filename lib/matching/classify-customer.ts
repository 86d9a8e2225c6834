// The customer rules, as a pure function of facts the database computed (pg_trgm similarities and
// key equalities), so that the save, the live suggestions and the quality evaluation agree.
import { MATCHING } from "./config.ts";

export interface CustomerPairFacts {
  sameEmail: boolean;
  samePhone: boolean;
  exactName: boolean;
  /** pg_trgm similarity of the normalised names, 0..1. */
  nameScore: number;
  /** pg_trgm similarity of the normalised companies, or null when either has none. */
  companyScore: number | null;
  /** Both emails on the same domain, and it is not a free-mail one. */
  sameBusinessDomain: boolean;
  samePhoneSuffix: boolean;
}

export interface MatchVerdict {
  isMatch: boolean;
  score: number;
  reasons: string[];
}

const pct = (x: number) => x.toFixed(2);

export function classifyCustomerPair(f: CustomerPairFacts, config = MATCHING.customer): MatchVerdict {
  const reasons: string[] = [];
  let score = 0;
  const hit = (reason: string, s: number) => {
    reasons.push(reason);
    score = Math.max(score, s);
  };
  if (f.sameEmail) hit("same email", 1);
  if (f.samePhone) hit("same phone", 0.95);
  if (f.exactName) hit("same name", 0.9);
  const similarName = f.nameScore >= config.nameSimilarity;
  if (similarName && !f.exactName) {
    const companyOk = f.companyScore !== null && f.companyScore >= config.companySimilarity;
    if (companyOk || f.sameBusinessDomain || f.samePhoneSuffix) {
      reasons.push(`similar name: ${pct(f.nameScore)}`);
      if (companyOk) reasons.push(`similar company: ${pct(f.companyScore!)}`);
      if (f.sameBusinessDomain) reasons.push("same email domain");
      if (f.samePhoneSuffix) reasons.push(`phone ends in the same ${config.phoneSuffixDigits} digits`);
      score = Math.max(score, 0.5 + f.nameScore * 0.35);
    }
  }
  return { isMatch: reasons.length > 0, score: Number(score.toFixed(3)), reasons };
}
