"use client";

import { lazy, Suspense, type ComponentType } from "react";

/**
 * A component whose code loads the first time it renders (a dialog, a panel shown after typing):
 * React's lazy in a Suspense boundary of its own. next/dynamic does the same with about 1 kB more
 * on every page that uses it.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  return function LazyComponent(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
