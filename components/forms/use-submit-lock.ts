"use client";

// One submit at a time, whatever the user or a script does: the lock is taken synchronously in the
// submit handler (components/forms/submit-lock.ts), form.submit() from a script is routed through the same
// handler, and a page restored from the back-forward cache, which keeps its old JavaScript state,
// is unlocked.
import { useEffect, useRef, useState, type RefObject } from "react";
import { createSubmitLock } from "@/components/forms/submit-lock.ts";
import { guardScriptSubmits, onRestoredFromCache } from "./draft.ts";

export function useSubmitLock(formRef: RefObject<HTMLFormElement | null>, onRestored: () => void) {
  const [lock] = useState(createSubmitLock);
  const restored = useRef(onRestored);
  useEffect(() => {
    restored.current = onRestored;
  });
  useEffect(() => (formRef.current ? guardScriptSubmits(formRef.current) : undefined), [formRef]);
  useEffect(
    () =>
      onRestoredFromCache(() => {
        lock.release();
        restored.current();
      }),
    [lock],
  );
  return lock;
}
