// What the sandbox-faults action answers its form.
import type { FaultsFormValues } from "@/lib/validations/faults.ts";

export type FaultsFormState =
  | { status: "idle" }
  | { status: "invalid"; fieldErrors: Record<string, string>; values: FaultsFormValues }
  | { status: "unreachable"; values: FaultsFormValues }
  | { status: "forbidden" };
