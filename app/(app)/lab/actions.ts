"use server";

import { cookies } from "next/headers";
import { requireUser } from "@/lib/auth/current-user.ts";
import { encodeLabSettings, LAB_COOKIE, LAB_KEYS, type LabSettings } from "@/lib/lab/settings.ts";

/** Saves the Lab's switches for this user in this browser (a session cookie, gone when it closes). */
export async function updateLabSettings(formData: FormData): Promise<void> {
  const user = await requireUser();
  const settings = Object.fromEntries(LAB_KEYS.map((key) => [key, formData.get(key) === "on"])) as LabSettings;
  (await cookies()).set(LAB_COOKIE, encodeLabSettings(user.id, settings), { httpOnly: true, sameSite: "lax", path: "/" });
}
