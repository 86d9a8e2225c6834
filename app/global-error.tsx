"use client";

// The root layout itself failed: this replaces it, so it brings its own document and styles.
import { ErrorView } from "@/components/error-view.tsx";
import "./globals.css";

export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body>
        <title>Something went wrong · Dedupe Desk</title>
        <main className="page page--narrow">
          <ErrorView {...props} />
        </main>
      </body>
    </html>
  );
}
