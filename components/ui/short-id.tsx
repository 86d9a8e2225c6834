"use client";

import { useState } from "react";

/**
 * A record's ID, short enough to glance at (its last 8 characters: a UUIDv7 begins with the time,
 * so the beginnings of IDs made together look alike), with a button that copies it whole. Where the
 * clipboard is out of reach (a plain-http address), the whole ID is shown to select instead.
 */
export function ShortId({ id, label }: { id: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "shown">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(id);
      setState("copied");
      setTimeout(() => setState("idle"), 2_000);
    } catch {
      setState("shown");
    }
  }
  return (
    <span className="short-id">
      <code title={id}>{state === "shown" ? id : `…${id.slice(-8)}`}</code>{" "}
      <button type="button" className="link-button short-id__copy" onClick={copy} aria-label={`Copy the ${label} ID`}>
        {state === "copied" ? "Copied" : "Copy"}
      </button>
    </span>
  );
}
