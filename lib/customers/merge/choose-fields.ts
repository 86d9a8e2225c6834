// Which value of each field the survivor of a merge keeps: the one the user picked (by the record
// it comes from), else the survivor's own, else the first non-empty one among the merged records.
export const MERGE_FIELDS = ["name", "email", "phone", "company"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export interface MergeRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
}

export type FieldPicks = Partial<Record<MergeField, string>>;

export type ChosenFields =
  | { ok: true; values: Omit<MergeRecord, "id">; sources: Record<MergeField, string> }
  | { ok: false; field: MergeField; sourceId: string };

/** `others` in the order the user listed them; a pick must name one of the records merged. */
export function chooseFields(survivor: MergeRecord, others: readonly MergeRecord[], picks: FieldPicks = {}): ChosenFields {
  const all = [survivor, ...others];
  const values = { name: survivor.name, email: survivor.email, phone: survivor.phone, company: survivor.company };
  const sources = {} as Record<MergeField, string>;
  for (const field of MERGE_FIELDS) {
    const picked = picks[field];
    const source = picked ? all.find((r) => r.id === picked) : [survivor, ...others].find((r) => r[field]);
    if (picked && !source) return { ok: false, field, sourceId: picked };
    const from = source ?? survivor;
    (values as Record<MergeField, string | null>)[field] = from[field];
    sources[field] = from.id;
  }
  return { ok: true, values, sources };
}
