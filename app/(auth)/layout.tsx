import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="page page--narrow">
      <p className="brand" style={{ marginBottom: "1.5rem" }}>
        Dedupe Desk
      </p>
      {children}
    </main>
  );
}
