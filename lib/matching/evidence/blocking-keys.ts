// Blocking keys: a record is compared only with the owner's records that share a key with it,
// looked up by index (CustomerMatchKey). A key must be shared by records that could be the same
// customer, survive one typo in one word, and be rare enough that looking it up stays cheap;
// `npm run eval:match` reports the share of true pairs that share one (pair completeness).
//
// Most keys are symmetric: a record stores the keys it is looked up by. Two are not, so that a
// one-word name ("Hannah") meets the longer names holding that word ("Hannah Davies") without every
// two-word name looking up every record that shares one of its words: a longer name stores each
// word alone (`o:`), which only one-word probes look up; a one-word name stores `w:` as before,
// which longer probes look up once per word.
import { addressKeys } from "./address.ts";
import { canonicalEmail, nameKey, PHONE_ENDING, phoneDigits, type CustomerFields } from "./compare.ts";
import { givenNameGroups } from "./given-names.ts";
import { nameTokens, soundsOf } from "./name-tokens.ts";

/** Words of a name beyond these add no key: business names keep their distinguishing words early. */
const MAX_WORDS = 6;

/**
 * How many candidates (the newest) one key brings. Keys that pin a record down (a mailbox, a name,
 * its sound) bring more than keys made to survive a typo, which common words fill quickly.
 */
export const KEY_LIMITS = { strong: 50, weak: 20 } as const;
/** The kinds of key (their first letter) that are strong: email, name, phone, word sounds, words joined, address. */
export const STRONG_KINDS = ["e", "n", "t", "w", "j", "a"] as const;
const strength = (key: string) => ((STRONG_KINDS as readonly string[]).includes(key[0]) ? "strong" : "weak");
/**
 * What sharing a key says, for ranking candidates when a probe brings more than can be scored: a
 * shared mailbox or phone most, a shared house (which a household shares too) next, a strong name
 * key twice a typo key. The query shares each key's weight among the candidates it brings.
 */
const KEY_WEIGHTS: Record<string, number> = { e: 8, t: 8, a: 4 };
const keyWeight = (key: string) => KEY_WEIGHTS[key[0]] ?? (strength(key) === "strong" ? 2 : 1);

interface ProbeKey {
  key: string;
  limit: number;
  weight: number;
}
export interface BlockingKeys {
  /** Written to the index with the record. */
  stored: string[];
  /** Looked up when the record is the probe, each with how many candidates it may bring. */
  probe: ProbeKey[];
  /** Taken as advisory locks by a save: the keys it both stores and looks up. */
  locks: string[];
}

/** How a word sounds, or which given name it is a form of: "Bob" and "Robert", "Smith" and "Smyth" share a code. */
function wordCodes(word: string): string[] {
  const groups = givenNameGroups(word);
  if (groups.length > 0) return groups.map((g) => `#${g}`);
  const [primary] = soundsOf(word);
  return [primary || word];
}

const pairs = <T>(xs: readonly T[]): Array<[T, T]> => xs.flatMap((a, i) => xs.slice(i + 1).map((b): [T, T] => [a, b]));
const sorted = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/**
 * Keys of one name or company. Symmetric: its sound-alike word pairs, its words written together,
 * the first three and the last three letters of each pair of words, and each word's initial beside
 * another word's sound (a typo past the third letter of both words, before the last three, or
 * anywhere but the first letter of one, leaves one of these intact). Asymmetric: see the file's head.
 */
function wordKeys(allWords: readonly string[]): { symmetric: string[]; stored: string[]; probe: string[] } {
  const words = [...new Set(allWords)].slice(0, MAX_WORDS);
  const codes = words.map(wordCodes);
  const symmetric: string[] = [];
  if (words.length === 1) return { symmetric: codes[0].map((c) => `w:${c}`), stored: [], probe: codes[0].map((c) => `o:${c}`) };
  for (const [i, j] of pairs(words.map((_, i) => i))) {
    for (const a of codes[i]) for (const b of codes[j]) symmetric.push(`w:${sorted(a, b)}`);
    symmetric.push(`p:${sorted(words[i].slice(0, 3), words[j].slice(0, 3))}`);
    symmetric.push(`s:${sorted(words[i].slice(-3), words[j].slice(-3))}`);
    for (const c of codes[j]) symmetric.push(`i:${words[i][0]}+${c}`);
    for (const c of codes[i]) symmetric.push(`i:${words[j][0]}+${c}`);
  }
  symmetric.push(`j:${allWords.join("")}`);
  const singles = [...new Set(codes.flat())];
  return { symmetric, stored: singles.map((c) => `o:${c}`), probe: singles.map((c) => `w:${c}`) };
}

/** The key whose count says how common an exact name is among the owner's records. */
export const exactNameKey = (name: string) => `n:${nameKey(nameTokens(name))}`;

export function blockingKeys(c: CustomerFields, freeMailDomains: readonly string[]): BlockingKeys {
  const symmetric = new Set([exactNameKey(c.name)]);
  const email = canonicalEmail(c.email);
  if (email) {
    symmetric.add(`e:${email}`);
    const domain = email.slice(email.lastIndexOf("@") + 1);
    if (!freeMailDomains.includes(domain)) symmetric.add(`d:${domain}`);
  }
  const phone = phoneDigits(c.phone);
  if (phone) symmetric.add(`t:${phone.slice(-PHONE_ENDING)}`);
  for (const key of addressKeys(c)) symmetric.add(key);
  // Names and companies share one set of keys: a business may be one record's name and the other's company.
  const stored = new Set<string>();
  const probe = new Set<string>();
  for (const words of [nameTokens(c.name).words, nameTokens(c.company).words]) {
    if (words.length === 0) continue;
    const k = wordKeys(words);
    k.symmetric.forEach((key) => symmetric.add(key));
    k.stored.forEach((key) => stored.add(key));
    k.probe.forEach((key) => probe.add(key));
  }
  const locks = [...symmetric];
  return {
    stored: [...new Set([...locks, ...stored])],
    probe: [...new Set([...locks, ...probe])].map((key) => ({ key, limit: KEY_LIMITS[strength(key)], weight: keyWeight(key) })),
    locks,
  };
}
