"use client";

import { useFormStatus } from "react-dom";

/** A submit button that turns off while its form is being sent: a second click sends nothing. */
export function PendingButton({ label, pendingLabel, className = "button" }: { label: string; pendingLabel: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button className={className} type="submit" disabled={pending} aria-busy={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}
