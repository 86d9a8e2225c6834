import { countryName } from "@/lib/validations/countries.ts";
import type { PostalAddress } from "@/lib/matching/evidence/address.ts";

/** An address on one line, as a person reads it ("12 Main St, SW1A 1AA London, United Kingdom"); null when it has none. */
export function formatAddress(a: PostalAddress): string | null {
  const parts = [a.street, [a.postcode, a.city].filter(Boolean).join(" "), a.country ? countryName(a.country) : null].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : null;
}
