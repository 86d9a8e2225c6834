// Names as comparable words: any script in Latin letters, legal forms, titles and joining words
// dropped, and generational suffixes (Jr., Sr.) kept apart, because they tell two people apart.
import anyAscii from "any-ascii";
import { doubleMetaphone } from "double-metaphone";
import { remember } from "./remember.ts";

// Legal forms, after dots are removed ("S.r.l." → "srl", "Sp. z o.o." → "sp z oo").
const LEGAL = new Set([
  "inc",
  "incorporated",
  "llc",
  "ltd",
  "limited",
  "corp",
  "corporation",
  "co",
  "company",
  "plc",
  "llp",
  "lp",
  "pty",
  "gmbh",
  "ag",
  "kg",
  "ek",
  "ohg",
  "ug",
  "sa",
  "sas",
  "sasu",
  "sarl",
  "eurl",
  "snc",
  "sl",
  "slu",
  "srl",
  "spa",
  "sas",
  "sp",
  "z",
  "oo",
  "spj",
  "bv",
  "nv",
  "vof",
  "ab",
  "hb",
  "kb",
  "oy",
  "as",
  "aps",
  "kk",
  "ltda",
  "me",
  "eireli",
  "ooo",
  "ao",
  "zao",
  "oao",
  "pao",
  "ip",
  "ae",
  "epe",
  "oe",
  "ike",
]);
const JOINERS = new Set(["and", "und", "et", "y", "e", "en", "og", "och", "i", "the"]);
const TITLES = new Set(["mr", "mrs", "ms", "miss", "dr", "prof", "herr", "frau", "sr", "sra", "mme", "mlle", "m"]);
const GENERATIONS = new Set(["jr", "junior", "sr", "senior", "ii", "iii", "iv"]);
/**
 * Abbreviations written out, so that "Smith Bros" meets "Smith Brothers" in keys and comparison.
 * From general usage, not from the evaluation data. "St" is Saint: in a name it rarely means Street.
 */
const ABBREVIATIONS: Record<string, string> = {
  bros: "brothers",
  bro: "brother",
  mfg: "manufacturing",
  mfrs: "manufacturers",
  intl: "international",
  int: "international",
  natl: "national",
  assn: "association",
  assoc: "association",
  dept: "department",
  univ: "university",
  inst: "institute",
  ctr: "center",
  cntr: "center",
  centre: "center",
  svc: "service",
  svcs: "services",
  mgmt: "management",
  mgt: "management",
  tech: "technology",
  techn: "technology",
  eng: "engineering",
  engg: "engineering",
  elec: "electric",
  hosp: "hospital",
  grp: "group",
  hldgs: "holdings",
  hldg: "holding",
  ind: "industries",
  inds: "industries",
  labs: "laboratories",
  lab: "laboratory",
  st: "saint",
  ste: "sainte",
  mt: "mount",
  ft: "fort",
  ccc: "child care center",
  cc: "child care",
  dds: "dental",
  sch: "school",
};

/** "B. V." and "N V" are one legal form: runs of single letters are joined when they spell one. */
function joinSpelledForms(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let j = i;
    while (j < words.length && words[j].length === 1) j++;
    const joined = words.slice(i, j).join("");
    if (j - i >= 2 && LEGAL.has(joined)) {
      out.push(joined);
      i = j - 1;
    } else out.push(words[i]);
  }
  return out;
}

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
  const split = anyAscii(value)
    .toLowerCase()
    .replace(/['’`.]/g, "")
    .replace(/&/g, " and ")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const raw = joinSpelledForms(split).flatMap((w) => ABBREVIATIONS[w]?.split(" ") ?? [w]);
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
