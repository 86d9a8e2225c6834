// Normalised copies of a customer's contact fields, stored beside the originals, so that matching
// compares "José  O'Brien" with "jose obrien" and "+1 (555) 010-9999" with "15550109999".

const FOLDS: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", þ: "th", ð: "d", ı: "i" };

/** Lower-cased, accents and punctuation folded, whitespace collapsed. */
export function normaliseName(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæøœłđþðı]/g, (c) => FOLDS[c])
    .replace(/['’`]/g, "") // O'Brien → obrien, not "o brien"
    .replace(/[\p{P}\p{S}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Trimmed and lower-cased; null when empty. */
export function normaliseEmailAddress(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v ? v : null;
}

/**
 * Digits only, with the country code kept as typed: "+44 20 7946 0958" → "442079460958". A leading
 * international "00" is the same as "+", so it is dropped. Null when there are no digits.
 */
export function normalisePhone(value: string | null | undefined): string | null {
  if (!value) return null;
  let digits = value.replace(/\D/g, "");
  if (!value.trim().startsWith("+") && digits.startsWith("00")) digits = digits.slice(2);
  return digits || null;
}

// Legal-form suffixes say nothing about which company it is: "Acme Inc." is "Acme GmbH".
const COMPANY_SUFFIXES = new Set([
  "inc",
  "incorporated",
  "llc",
  "ltd",
  "limited",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "ag",
  "kg",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "plc",
  "pty",
  "oy",
  "ab",
  "as",
  "kk",
  "lp",
  "llp",
  "the",
]);

/** The name normalisation, without legal-form words; null when nothing is left. */
function normaliseCompany(value: string | null | undefined): string | null {
  if (!value) return null;
  const words = normaliseName(value)
    .split(" ")
    .filter((w) => w && !COMPANY_SUFFIXES.has(w));
  return words.length > 0 ? words.join(" ") : null;
}

/** Every normalised column stored beside a customer's own fields. */
export function normalisedColumns(c: { name: string; email: string | null | undefined; phone: string | null | undefined; company: string | null | undefined }) {
  return {
    nameNormalized: normaliseName(c.name),
    emailNormalized: normaliseEmailAddress(c.email),
    phoneNormalized: normalisePhone(c.phone),
    companyNormalized: normaliseCompany(c.company),
  };
}
