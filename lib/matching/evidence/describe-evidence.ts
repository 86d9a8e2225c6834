// Evidence in words, with its sign, for the "Possible duplicate" dialog and the API.
import { PHONE_ENDING } from "./compare.ts";
import type { Evidence } from "./model.ts";

export interface EvidenceView {
  /** "same email domain (acme.io)", "similar name, 82% alike", "different phone". */
  text: string;
  /** For the match (+), against it (−), or neither (0). */
  sign: "+" | "-" | "0";
  /** The weight in bits, as the model added it. */
  weight: number;
}

/**
 * A similarity score in words a person reads: "97% alike". Names that differ only in case, accents
 * or punctuation score 1.00, which as "100%" would read as "identical": they are "written differently".
 */
export function alike(score: number): string {
  const percent = Math.floor(score * 100);
  return percent >= 100 ? "written differently" : `${percent}% alike`;
}

const TEXT: Record<string, (e: Evidence) => string> = {
  "email:same": () => "same email",
  "email:different": () => "different email",
  "domain:same": (e) => `same email domain (${e.detail})`,
  "phone:same": () => "same phone",
  "phone:same-ending": () => `phone ends in the same ${PHONE_ENDING} digits`,
  "phone:different": () => "different phone",
  "name:exact": (e) => (e.count && e.count > 1 ? `same name, which ${e.count} customers have` : "same name"),
  "name:one-typo": (e) => `the same name but for one typo, ${alike(Number(e.detail))}`,
  "name:equivalent": (e) => `nearly the same name, ${alike(Number(e.detail))}`,
  "name:exact-one-word": (e) => (e.count && e.count > 1 ? `same one-word name, which ${e.count} customers have` : "same one-word name"),
  "name:similar": (e) => `similar name, ${alike(Number(e.detail))}`,
  "name:one-word-of-other": () => "one name is a word of the other",
  "name:within-other": () => "one name is part of the other",
  "name:loosely-similar": (e) => `names share a word, the other ${alike(Number(e.detail))}`,
  "name:shares-a-word": () => "names share a word",
  "name:different": () => "different name",
  "company:exact": () => "same company",
  "company:similar": (e) => `similar company, ${alike(Number(e.detail))}`,
  "company:different": () => "different company",
  "company:one-name-is-the-other-company": () => "one's name is the other's company",
  "generation:different": () => "Jr. and Sr.: two generations",
  "address:same": () => "same address",
  "address:same-street": () => "same street, another house",
  "address:same-area": () => "same postcode or town, another street",
  "address:different": () => "different address",
  "country:different": () => "different country",
};

export function describeEvidence(e: Evidence): EvidenceView {
  const text = TEXT[`${e.field}:${e.level}`]?.(e) ?? `${e.field}: ${e.level}`;
  const weight = Number(e.weight.toFixed(2));
  return { text, sign: weight > 0 ? "+" : weight < 0 ? "-" : "0", weight };
}
