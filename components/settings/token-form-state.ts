import type { FormValues } from "@/lib/forms/form-state.ts";

export type TokenFormState =
  | { status: "idle" }
  | { status: "invalid"; fieldErrors: Record<string, string>; values: FormValues }
  /** The secret, shown this once; `nextId` is the ID of the next token the form makes. */
  | { status: "created"; id: string; name: string; secret: string; expiresAt: string; nextId: string }
  /** This form's token was made already (a repeated submit): its secret cannot be shown again. */
  | { status: "replay"; id: string; name: string; nextId: string }
  | { status: "refused"; values: FormValues }
  /** The user holds the most live tokens allowed: nothing made. */
  | { status: "limit"; max: number; values: FormValues };
