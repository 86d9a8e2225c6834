"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated. Buttons that only work with JavaScript
 * stay disabled until then, so an early click is not silently lost (or, for a form without a
 * JavaScript fallback, sent as a plain GET).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
