import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form.tsx";
import { getCurrentUser } from "@/lib/auth/current-user.ts";
import { safeCallbackPath } from "@/lib/auth/safe-redirect.ts";
import { signUpAction } from "./actions.ts";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <div className="card">
      <h1>Create your account</h1>
      <SignUpForm callbackUrl={callbackUrl} action={signUpAction} />
    </div>
  );
}
