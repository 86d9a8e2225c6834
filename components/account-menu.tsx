"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";

/**
 * The signed-in address, whole, behind its summary in the header. A <details> opens and closes by
 * itself; this adds what people expect of a menu: Escape and a click or tap elsewhere close it, and
 * Escape puts the focus back on the summary.
 */
export function AccountMenu({ email }: { email: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (focus: boolean) => {
      const menu = ref.current;
      if (!menu?.open) return;
      menu.open = false;
      if (focus) menu.querySelector("summary")?.focus();
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && close(true);
    const onPointer = (event: PointerEvent) => !ref.current?.contains(event.target as Node) && close(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, []);
  return (
    <details className="account" ref={ref}>
      <summary title={email}>
        <span>{email}</span>
      </summary>
      <div className="account__panel card">
        <div className="small muted">Signed in as</div>
        <div className="account__email">{email}</div>
        <Link href="/settings/tokens">API tokens</Link>
      </div>
    </details>
  );
}
