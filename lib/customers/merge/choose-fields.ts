// Which value of each field the survivor of a merge keeps: the one the user picked (by the record
// it comes from), else the survivor's own, else the first non-empty one among the merged records.
// The postal address is one field of four columns: a street from one record and a postcode from
// another would be nobody's address.
import type { AddressColumns } from "@/lib/matching/evidence/address.ts";

export const MERGE_FIELDS = ["name", "email", "phone", "company", "address"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const ADDRESS_COLUMNS = ["street", "postcode", "city", "country"] as const;
type Column = "name" | "email" | "phone" | "company" | (typeof ADDRESS_COLUMNS)[number];

const COLUMNS: Record<MergeField, readonly Column[]> = { name: ["name"], email: ["email"], phone: ["phone"], company: ["company"], address: ADDRESS_COLUMNS };

export interface MergeRecord extends AddressColumns {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
}

export type MergeValues = Omit<MergeRecord, "id">;
export type FieldPicks = Partial<Record<MergeField, string>>;

export type ChosenFields = { ok: true; values: MergeValues; sources: Record<MergeField, string> } | { ok: false; field: MergeField; sourceId: string };

/** A record's values, without its ID (or anything else a caller's row carries). */
export const valuesOf = (r: MergeValues): MergeValues => ({
  name: r.name,
  email: r.email,
  phone: r.phone,
  company: r.company,
  street: r.street,
  postcode: r.postcode,
  city: r.city,
  country: r.country,
});

const has = (r: MergeRecord, field: MergeField) => COLUMNS[field].some((c) => r[c]);

/** `others` in the order the user listed them; a pick must name one of the records merged. */
export function chooseFields(survivor: MergeRecord, others: readonly MergeRecord[], picks: FieldPicks = {}): ChosenFields {
  const all = [survivor, ...others];
  const values = valuesOf(survivor);
  const sources = {} as Record<MergeField, string>;
  for (const field of MERGE_FIELDS) {
    const picked = picks[field];
    const source = picked ? all.find((r) => r.id === picked) : all.find((r) => has(r, field));
    if (picked && !source) return { ok: false, field, sourceId: picked };
    const from = source ?? survivor;
    for (const column of COLUMNS[field]) (values as Record<Column, string | null>)[column] = from[column];
    sources[field] = from.id;
  }
  return { ok: true, values, sources };
}
