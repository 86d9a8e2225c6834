import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { safeCallbackPath } from "@/lib/auth/safe-redirect.ts";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className="card">
      <h1>Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
