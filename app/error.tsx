"use client";

// Anything below the root layout that has no nearer boundary (the sign-in pages, the app's own layout).
import { ErrorView } from "@/components/error-view.tsx";

export default function RootError(props: { error: unknown; retry: () => void }) {
  return (
    <main className="page page--narrow">
      <ErrorView {...props} />
    </main>
  );
}
