"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createToken, MAX_ACTIVE_TOKENS, revokeToken } from "@/lib/api/tokens.ts";
import { requireUser } from "@/lib/auth/current-user.ts";
import { getDb } from "@/lib/db/client.ts";
import { invalidState, readFormValues } from "@/lib/forms/form-state.ts";
import { isUuid, newId } from "@/lib/ids.ts";
import { tokenSchema } from "@/lib/validations/token.ts";
import type { TokenFormState } from "@/components/settings/token-form-state.ts";

export async function createTokenAction(previous: TokenFormState, formData: FormData): Promise<TokenFormState> {
  const user = await requireUser();
  const values = readFormValues(formData, ["id", "name", "expiresInDays"]);
  const parsed = tokenSchema.safeParse(values);
  if (!parsed.success) return invalidState(parsed.error, values);
  const result = await createToken(getDb(), user.id, parsed.data);
  revalidatePath("/settings/tokens");
  switch (result.status) {
    case "created":
      return {
        status: "created",
        id: result.token.id,
        name: result.token.name,
        secret: result.secret,
        expiresAt: result.token.expiresAt.toISOString(),
        nextId: newId(),
      };
    case "replay":
      // A repeat of the submit that just showed the secret keeps showing it (the page already has it).
      if (previous.status === "created" && previous.id === result.token.id) return previous;
      return { status: "replay", id: result.token.id, name: result.token.name, nextId: newId() };
    case "refused":
      return { status: "refused", values };
    case "limit":
      return { status: "limit", max: MAX_ACTIVE_TOKENS, values };
  }
}

export async function revokeTokenAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = formData.get("id");
  if (typeof id === "string" && isUuid(id)) await revokeToken(getDb(), user.id, id);
  revalidatePath("/settings/tokens");
  redirect("/settings/tokens");
}
