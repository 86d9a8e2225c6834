// Every threshold and window of the near-match checks, in one place. Change them here only; the
// quality figures (npm run eval:match) and the README describe these defaults. The customer
// model's weights and threshold are fitted, not set: lib/matching/evidence/model.json.
export const MATCHING = {
  customer: {
    /** Names shorter than this, with no email or phone, never search. */
    minNameLength: 2,
    /** An exact name's count stops here: beyond it, the name is common and weighs nothing more. */
    maxNameCount: 1024,
    /** At most this many matches are shown. */
    maxResults: 10,
    /**
     * At most this many candidates are scored, those sharing the most telling keys first: common
     * words fill the typo-tolerant keys, and each candidate scored costs the live suggestion time.
     */
    maxCandidates: 32,
    /** Email domains shared by strangers: a shared domain says nothing there. */
    freeMailDomains: [
      "gmail.com",
      "googlemail.com",
      "yahoo.com",
      "yahoo.co.uk",
      "hotmail.com",
      "hotmail.co.uk",
      "outlook.com",
      "live.com",
      "msn.com",
      "icloud.com",
      "me.com",
      "aol.com",
      "proton.me",
      "protonmail.com",
      "gmx.de",
      "gmx.net",
      "web.de",
      "mail.com",
      "yandex.ru",
      "qq.com",
      "163.com",
      "example.com",
    ],
  },
  order: {
    /** Same customer, amount and currency within this many hours. */
    sameAmountWindowHours: 24,
    /** Same customer and a description this similar… */
    descriptionSimilarity: 0.8,
    /** …within this many minutes. */
    descriptionWindowMinutes: 10,
    maxResults: 10,
  },
  /** The Duplicate Lab's tickets (/lab). */
  ticket: {
    /** pg_trgm similarity of normalised titles at or above which two tickets look the same. */
    titleSimilarity: 0.6,
    /** Only tickets created within this many hours are compared. */
    windowHours: 24,
    /** Titles shorter than this (normalised) never search. */
    minTitleLength: 3,
    maxResults: 5,
  },
  /** The matching query may take this long before the save goes ahead without it. */
  statementTimeoutMs: 2000,
} as const;

export type MatchingConfig = typeof MATCHING;
