"use client";

// A page inside the app failed: the header and navigation stay, so the user keeps their place.
import { ErrorView } from "@/components/error-view.tsx";

export default function AppError(props: { error: unknown; retry: () => void }) {
  return <ErrorView {...props} />;
}
