// Two customer records compared field by field. Each comparison gives one level ("same",
// "different", …) or nothing when either side lacks the field; the scoring model weighs the levels.
import { jaroWinkler } from "@skyra/jaro-winkler";
import { ADDRESS_LEVELS, compareAddresses, differentCountries, type PostalAddress } from "./address.ts";
import { sameGivenName } from "./given-names.ts";
import { nameTokens, soundsOf, type NameTokens } from "./name-tokens.ts";

export interface CustomerFields extends PostalAddress {
  name: string;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
}

export const LEVELS = {
  email: ["same", "different"],
  domain: ["same"],
  phone: ["same", "same-ending", "different"],
  name: ["exact", "exact-one-word", "one-typo", "equivalent", "similar", "one-word-of-other", "within-other", "loosely-similar", "shares-a-word", "different"],
  company: ["exact", "similar", "different", "one-name-is-the-other-company"],
  generation: ["different"],
  address: ADDRESS_LEVELS,
  country: ["different"],
} as const;
export type Field = keyof typeof LEVELS;
export type Level<F extends Field = Field> = (typeof LEVELS)[F][number];
/** `count`: for an exact name, how many of the owner's records bear it (common names weigh less). */
export type Comparison = { [F in Field]: { field: F; level: Level<F>; detail?: string; count?: number } }[Field];

/** How many of the owner's records have this name (a `nameKey`); 0 or 1 for a rare one. */
export type NameCount = (key: string) => number;

/** One key per name however its words are ordered or cased: what "the same name" counts. */
export const nameKey = (t: NameTokens) => [...t.words].sort().join(" ");

const GMAIL = new Set(["gmail.com", "googlemail.com"]);

/** One mailbox, one string: case and "+tags" ignored everywhere, dots too at Gmail. */
export function canonicalEmail(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  const at = v?.lastIndexOf("@") ?? -1;
  if (!v || at <= 0) return null;
  let local = v.slice(0, at).replace(/\+.*$/, "");
  let domain = v.slice(at + 1);
  if (GMAIL.has(domain)) {
    local = local.replace(/\./g, "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}

/**
 * The same number written at home ("0616 505 582", "8 (512) 800-21-82") and abroad ("+49 616
 * 505582", "0049…") differs only in its first digits, so numbers compare on their last digits.
 */
export function phoneDigits(value: string | null | undefined): string | null {
  const d = value?.replace(/\D/g, "") ?? "";
  return d.length >= 7 ? d : null;
}

/** How alike two words of a name are, 0..1: a nickname or a sound-alike counts as nearly the same. */
function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (sameGivenName(a, b)) return 0.95;
  if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 0.93;
  if (a.length >= 3 && b.length >= 3) {
    const [pa, sa] = soundsOf(a);
    const [pb, sb] = soundsOf(b);
    if (pa && (pa === pb || pa === sb || sa === pb)) return 0.94;
  }
  return jaroWinkler(a, b);
}

/**
 * Edits between two words, counting a swap of neighbours as one (optimal string alignment), or
 * `limit + 1` once it is past `limit`.
 */
function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
    }
    if (Math.min(...row) > limit) return limit + 1;
    [prev2, prev] = [prev, row];
  }
  return prev[b.length];
}

/** The same words but one, and that one a single slip of the keyboard ("thorpe" / "thopre"). */
function oneTypo(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const rest = [...b];
  const unmatched = x.filter((w) => {
    const i = rest.indexOf(w);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
  return unmatched.length === 1 && rest.length === 1 && Math.min(unmatched[0].length, rest[0].length) >= 2 && editDistance(unmatched[0], rest[0], 1) === 1;
}

/**
 * Each word of the shorter name paired with its most alike unused word of the longer one, in any
 * order. Returns each pair's similarity, best first.
 */
function alignWords(short: string[], long: string[]): number[] {
  const candidates = short.flatMap((s, i) => long.map((l, j) => ({ i, j, sim: wordSimilarity(s, l) }))).sort((x, y) => y.sim - x.sim);
  const usedS = new Set<number>();
  const usedL = new Set<number>();
  const sims: number[] = [];
  for (const c of candidates) {
    if (usedS.has(c.i) || usedL.has(c.j)) continue;
    usedS.add(c.i);
    usedL.add(c.j);
    sims.push(c.sim);
  }
  return sims;
}

/**
 * Graded, word by word: the same words; each word nearly the same (a nickname, a sound-alike, an
 * initial); each within a typo or two; a one-word name that is one word of the other; a name whose
 * every word is in a longer one; one word shared and another replaced; nothing alike. Each level is
 * weighed on its own, so a typo in one word is not mistaken for a replaced one.
 */
export function compareNames(a: NameTokens, b: NameTokens): { level: Level<"name">; similarity: number } | null {
  if (a.words.length === 0 || b.words.length === 0) return null;
  if (nameKey(a) === nameKey(b) || a.words.join("") === b.words.join(""))
    return { level: a.words.length === 1 && b.words.length === 1 ? "exact-one-word" : "exact", similarity: 1 };
  if (oneTypo(a.words, b.words)) return { level: "one-typo", similarity: jaroWinkler(nameKey(a), nameKey(b)) };
  const [short, long] = a.words.length <= b.words.length ? [a.words, b.words] : [b.words, a.words];
  const sims = alignWords(short, long);
  const worst = Math.min(...sims);
  const similarity = sims.reduce((s, x) => s + x, 0) / sims.length;
  // Words joined on one side only ("Van der Berg" / "Vanderberg" with a first name beside it).
  const joinedClose = editDistance(a.words.join(""), b.words.join(""), 1) <= 1;
  if (short.length < long.length && !joinedClose) {
    if (worst >= 0.85) return { level: short.length === 1 ? "one-word-of-other" : "within-other", similarity };
  } else {
    if (worst >= 0.93) return { level: "equivalent", similarity };
    if (worst >= 0.85 || joinedClose)
      return { level: "similar", similarity: joinedClose ? Math.max(similarity, jaroWinkler(a.words.join(""), b.words.join(""))) : similarity };
  }
  // Every word has a counterpart, one of them only loosely ("Sean" / "Shawn", a transliteration).
  if (short.length === long.length && worst >= 0.75 && sims.some((s) => s >= 0.93)) return { level: "loosely-similar", similarity };
  if (sims.some((s) => s >= 0.93)) return { level: "shares-a-word", similarity };
  return { level: "different", similarity };
}

/** Companies are graded coarser than names: the same, alike, or not. */
const COMPANY_LEVEL: Record<Level<"name">, Level<"company">> = {
  exact: "exact",
  "exact-one-word": "exact",
  "one-typo": "similar",
  equivalent: "similar",
  similar: "similar",
  "one-word-of-other": "similar",
  "within-other": "similar",
  "loosely-similar": "different",
  "shares-a-word": "different",
  different: "different",
};

/** Two phones ending in this many digits are one number written with and without its country code. */
const PHONE_SAME = 9;
/** The last digits two phones share when they are the same number or differ only in the exchange. */
export const PHONE_ENDING = 7;

/** Every comparison between two records that says something; fields missing on either side say nothing. */
export function compareCustomers(a: CustomerFields, b: CustomerFields, freeMailDomains: readonly string[], nameCount: NameCount = () => 1): Comparison[] {
  const out: Comparison[] = [];
  const ea = canonicalEmail(a.email);
  const eb = canonicalEmail(b.email);
  if (ea && eb) {
    out.push({ field: "email", level: ea === eb ? "same" : "different" });
    const da = ea.slice(ea.lastIndexOf("@") + 1);
    if (ea !== eb && da === eb.slice(eb.lastIndexOf("@") + 1) && !freeMailDomains.includes(da)) out.push({ field: "domain", level: "same", detail: da });
  }

  const pa = phoneDigits(a.phone);
  const pb = phoneDigits(b.phone);
  if (pa && pb) {
    const level = pa.slice(-PHONE_SAME) === pb.slice(-PHONE_SAME) ? "same" : pa.slice(-PHONE_ENDING) === pb.slice(-PHONE_ENDING) ? "same-ending" : "different";
    out.push({ field: "phone", level });
  }

  const na = nameTokens(a.name);
  const nb = nameTokens(b.name);
  const ca = nameTokens(a.company);
  const cb = nameTokens(b.company);
  // A business may be one record's name and the other's company: then the two names are a business
  // and a person, and comparing them says nothing.
  const crossed = [compareNames(na, cb), compareNames(ca, nb)].find(
    (c) => c && (c.level === "exact" || c.level === "exact-one-word" || c.level === "equivalent"),
  );
  const company = crossed ?? compareNames(ca, cb);
  if (company) {
    const level = crossed ? "one-name-is-the-other-company" : COMPANY_LEVEL[company.level];
    out.push({ field: "company", level, detail: company.similarity.toFixed(2) });
  }
  const name = crossed ? null : compareNames(na, nb);
  if (name?.level === "exact" || name?.level === "exact-one-word") out.push({ field: "name", level: name.level, count: Math.max(1, nameCount(nameKey(na))) });
  else if (name) out.push({ field: "name", level: name.level, detail: name.similarity.toFixed(2) });
  if (na.generation && nb.generation && na.generation !== nb.generation) out.push({ field: "generation", level: "different" });
  const address = compareAddresses(a, b);
  if (address) out.push({ field: "address", level: address });
  if (differentCountries(a, b)) out.push({ field: "country", level: "different" });
  return out;
}
