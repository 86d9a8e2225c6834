"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "./use-hydrated.ts";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="button button--secondary"
      disabled={pending || !hydrated}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      Sign out
    </button>
  );
}
