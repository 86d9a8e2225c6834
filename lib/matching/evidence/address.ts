// Postal addresses as evidence: many real duplicates differ in name (a new surname, a nickname, a
// business written another way) and agree on where they live. A household or an office block also
// shares an address, so the model weighs each level from labelled data; a shared address is not
// treated as proof.
import { jaroWinkler } from "@skyra/jaro-winkler";
import anyAscii from "any-ascii";

export interface PostalAddress {
  street?: string | null;
  postcode?: string | null;
  city?: string | null;
  /** ISO 3166-1 alpha-2. */
  country?: string | null;
}

/** The address as stored: four nullable columns. */
export type AddressColumns = { [K in keyof PostalAddress]-?: string | null };

export const ADDRESS_LEVELS = ["same", "same-street", "same-area", "different"] as const;
export type AddressLevel = (typeof ADDRESS_LEVELS)[number];

/** Street words written out, so that "12 Tonks Pl" meets "12 tonks place". From general usage. */
const STREET_WORDS: Record<string, string> = {
  st: "street",
  str: "street",
  rd: "road",
  ave: "avenue",
  av: "avenue",
  blvd: "boulevard",
  dr: "drive",
  ln: "lane",
  pl: "place",
  ct: "court",
  cres: "crescent",
  cr: "crescent",
  cct: "circuit",
  hwy: "highway",
  pde: "parade",
  sq: "square",
  tce: "terrace",
  ter: "terrace",
  cl: "close",
  gr: "grove",
  pkwy: "parkway",
  apt: "",
  unit: "",
  flat: "",
  no: "",
};

const words = (v: string | null | undefined) =>
  anyAscii(v ?? "")
    .toLowerCase()
    .replace(/['’`.]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export interface AddressParts {
  /** The house number as written first in the street ("12a"), or null. */
  number: string | null;
  /** The street's words without numbers, abbreviations written out. */
  street: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
}

export function addressParts(a: PostalAddress): AddressParts {
  const streetWords = words(a.street);
  const number = streetWords.find((w) => /\d/.test(w)) ?? null;
  const named = streetWords
    .filter((w) => !/\d/.test(w))
    .map((w) => STREET_WORDS[w] ?? w)
    .filter(Boolean);
  const postcode = (a.postcode ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  const city = words(a.city).join(" ");
  return { number, street: named.join(" ") || null, postcode: postcode || null, city: city || null, country: a.country?.trim().toUpperCase() || null };
}

const alike = (x: string | null, y: string | null) => !!x && !!y && (x === y || jaroWinkler(x, y) >= 0.9);
const both = (x: string | null, y: string | null) => !!x && !!y;

/**
 * Graded: the same house on the same street or in the same postcode; the same street with another
 * or no number; only the same postcode or town; nothing alike. Null when the two cannot be
 * compared (either side has no street, postcode or town). A postcode typo does not make two
 * addresses different when the town agrees.
 */
export function compareAddresses(a: PostalAddress, b: PostalAddress): AddressLevel | null {
  const x = addressParts(a);
  const y = addressParts(b);
  const comparable = both(x.street, y.street) || both(x.postcode, y.postcode) || both(x.city, y.city);
  if (!comparable) return null;
  const samePostcode = both(x.postcode, y.postcode) && x.postcode === y.postcode;
  const sameCity = alike(x.city, y.city);
  const elsewhere = both(x.postcode, y.postcode) && !samePostcode && both(x.city, y.city) && !sameCity;
  const sameNumber = both(x.number, y.number) && x.number === y.number;
  const sameStreet = alike(x.street, y.street);
  if (sameNumber && (samePostcode || (sameStreet && !elsewhere))) return "same";
  if (sameStreet && !elsewhere) return "same-street";
  if (samePostcode || sameCity) return "same-area";
  return "different";
}

/** True when both give a country and they differ: weak evidence of two customers. */
export function differentCountries(a: PostalAddress, b: PostalAddress): boolean {
  const x = a.country?.trim().toUpperCase();
  const y = b.country?.trim().toUpperCase();
  return !!x && !!y && x !== y;
}

/**
 * Blocking keys of an address: its house in its postcode, and its house on its street (which a
 * postcode typo leaves intact). None without a house number: a street or a postcode alone is
 * shared by too many to look up.
 */
export function addressKeys(a: PostalAddress): string[] {
  const p = addressParts(a);
  if (!p.number) return [];
  return [p.postcode ? `a:${p.postcode} ${p.number}` : null, p.street ? `a:${p.street} ${p.number}` : null].filter((k): k is string => k !== null);
}
