// What the sign-up action answers its form.
export type SignUpState = { ok: true } | { ok: false; fieldErrors: Partial<Record<"email" | "password", string>>; message?: string };
