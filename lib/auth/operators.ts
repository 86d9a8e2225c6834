// Operators: the people who may change what every workspace shares (the sandbox provider's faults).
// ADMIN_EMAILS lists them, comma- or space-separated; nobody is an operator when it is unset. The
// command-line switch (npm run provider:switch) is an operator's by shell access and records the
// operator it names.
function operatorEmails(value = process.env.ADMIN_EMAILS): Set<string> {
  return new Set(
    (value ?? "")
      .split(/[\s,]+/)
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function isOperator(email: string, env: Record<string, string | undefined> = process.env): boolean {
  return operatorEmails(env.ADMIN_EMAILS).has(email.trim().toLowerCase());
}
