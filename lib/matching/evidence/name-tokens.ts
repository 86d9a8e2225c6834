// Names as comparable words: any script in Latin letters, legal forms, titles and joining words
// dropped, and generational suffixes (Jr., Sr.) kept apart, because they tell two people apart.
import anyAscii from "any-ascii";
import { doubleMetaphone } from "double-metaphone";
import { remember } from "./remember.ts";

// Legal forms, after dots are removed ("S.r.l." → "srl", "Sp. z o.o." → "sp z oo").
const LEGAL = new Set([
  "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "plc", "llp", "lp", "pty",
  "gmbh", "ag", "kg", "ek", "ohg", "ug", "sa", "sas", "sasu", "sarl", "eurl", "snc", "sl", "slu", "srl", "spa", "sas",
  "sp", "z", "oo", "spj", "bv", "nv", "vof", "ab", "hb", "kb", "oy", "as", "aps", "kk", "ltda", "me", "eireli",
  "ooo", "ao", "zao", "oao", "pao", "ip", "ae", "epe", "oe", "ike",
]);
const JOINERS = new Set(["and", "und", "et", "y", "e", "en", "og", "och", "i", "the"]);
const TITLES = new Set(["mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau", "sr", "sra", "mme", "mlle", "m"]);
const GENERATIONS = new Set(["jr", "junior", "sr", "senior", "ii", "iii", "iv"]);

export interface NameTokens {
  /** The words that name the person or business, in the order written. */
  words: string[];
  /** "jr", "sr", "ii"… when written; null otherwise. */
  generation: string | null;
}

const NO_NAME: NameTokens = Object.freeze({ words: [], generation: null });

/** Shared between callers: treat the result as read-only. */
export function nameTokens(value: string | null | undefined): NameTokens {
  return value ? tokensOf(value) : NO_NAME;
}

const tokensOf = remember((value: string): NameTokens => {
  const raw = anyAscii(value)
    .toLowerCase()
    .replace(/['’`.]/g, "")
    .replace(/&/g, " and ")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let generation: string | null = null;
  const words: string[] = [];
  raw.forEach((w, i) => {
    // "Sr." last is a generation; "Sr." first is a title (Señor).
    if (GENERATIONS.has(w) && i > 0) generation = w === "junior" ? "jr" : w === "senior" ? "sr" : w;
    else if (TITLES.has(w) && i === 0) return;
    else if (!LEGAL.has(w) && !JOINERS.has(w)) words.push(w);
  });
  // A name that is nothing but legal words ("AB") keeps them rather than vanish.
  return { words: words.length > 0 ? words : raw.filter((w) => !GENERATIONS.has(w)), generation };
});

/** A word's primary and alternate Double Metaphone codes ("Smith" and "Smyth" share one). */
export const soundsOf = remember((word: string): readonly [string, string] => doubleMetaphone(word));
