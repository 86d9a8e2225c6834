"use server";

import { redirect } from "next/navigation";
import { endSession } from "@/lib/auth/sign-out.ts";

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/signin");
}
