// Blocking keys: a record is compared only with the owner's records that share at least one key,
// looked up by index (CustomerMatchKey). A key must be shared by records that could be the same
// customer, and rare enough that looking it up stays cheap; `npm run eval:match` reports the share
// of true pairs that share one (pair completeness).
import { canonicalEmail, nameKey, PHONE_ENDING, phoneDigits, type CustomerFields } from "./compare.ts";
import { givenNameGroups } from "./given-names.ts";
import { nameTokens, soundsOf } from "./name-tokens.ts";

/** Words of a name beyond these add no key: six pairs of four words are enough to meet. */
const MAX_WORDS = 4;

/** How a word sounds, or which given name it is a form of: "Bob" and "Robert", "Smith" and "Smyth" share a code. */
function wordCodes(word: string): string[] {
  const groups = givenNameGroups(word);
  if (groups.length > 0) return groups.map((g) => `#${g}`);
  const [primary] = soundsOf(word);
  return [primary || word];
}

/** Keys of one name or company: its sound-alike word pairs (any order) and its words written together. */
function wordKeys(words: readonly string[]): string[] {
  const codes = [...new Set(words)].slice(0, MAX_WORDS).map(wordCodes);
  const keys: string[] = [];
  if (codes.length === 1) for (const c of codes[0]) keys.push(`w:${c}`);
  for (let i = 0; i < codes.length; i++)
    for (let j = i + 1; j < codes.length; j++) for (const a of codes[i]) for (const b of codes[j]) keys.push(`w:${[a, b].sort().join(" ")}`);
  if (words.length > 1) keys.push(`j:${words.join("")}`);
  return keys;
}

/** The key whose count says how common an exact name is among the owner's records. */
export const exactNameKey = (name: string) => `n:${nameKey(nameTokens(name))}`;

export function blockingKeys(c: CustomerFields, freeMailDomains: readonly string[]): string[] {
  const keys = [exactNameKey(c.name)];
  const email = canonicalEmail(c.email);
  if (email) {
    keys.push(`e:${email}`);
    const domain = email.slice(email.lastIndexOf("@") + 1);
    if (!freeMailDomains.includes(domain)) keys.push(`d:${domain}`);
  }
  const phone = phoneDigits(c.phone);
  if (phone) keys.push(`t:${phone.slice(-PHONE_ENDING)}`);
  // Names and companies share one set of keys: a business may be one record's name and the other's company.
  keys.push(...wordKeys(nameTokens(c.name).words), ...wordKeys(nameTokens(c.company).words));
  return [...new Set(keys)];
}
