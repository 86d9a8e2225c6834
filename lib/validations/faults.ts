// The sandbox's fault controls on /integrations: form fields in, the provider's own fault schema out.
import * as z from "zod/mini";
import { RATE_FIELDS, SWITCH_FIELDS } from "./fault-fields.ts";

type RateName = (typeof RATE_FIELDS)[number]["name"];
type SwitchName = (typeof SWITCH_FIELDS)[number]["name"];

const rate = (label: string) =>
  z.coerce.number({ error: `${label} must be a number` }).check(z.gte(0, `${label} is at least 0`), z.lte(1, `${label} is at most 1`));
const checkbox = z.pipe(
  z.optional(z.literal("on")),
  z.transform((v) => v === "on"),
);

export const faultsFormSchema = z.object({
  ...(Object.fromEntries(RATE_FIELDS.map((f) => [f.name, rate(f.label)])) as Record<RateName, ReturnType<typeof rate>>),
  latencyMs: z.coerce
    .number({ error: "Latency must be a number" })
    .check(z.refine(Number.isInteger, "Latency is whole milliseconds"), z.gte(0, "Latency is at least 0"), z.lte(60_000, "Latency is at most 60000 ms")),
  ...(Object.fromEntries(SWITCH_FIELDS.map((f) => [f.name, checkbox])) as Record<SwitchName, typeof checkbox>),
});

/** What the person typed, kept when the form is refused. */
export type FaultsFormValues = Record<RateName | "latencyMs", string> & Record<SwitchName, boolean>;

export function faultsFormValues(formData: FormData): { raw: Record<string, FormDataEntryValue | undefined>; values: FaultsFormValues } {
  const raw: Record<string, FormDataEntryValue | undefined> = {};
  const values = {} as FaultsFormValues;
  for (const name of [...RATE_FIELDS.map((f) => f.name), "latencyMs"] as const) {
    raw[name] = formData.get(name) ?? undefined;
    values[name] = String(raw[name] ?? "");
  }
  for (const { name } of SWITCH_FIELDS) {
    raw[name] = formData.get(name) ?? undefined;
    values[name] = raw[name] === "on";
  }
  return { raw, values };
}
