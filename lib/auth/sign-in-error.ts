// The only texts sign-in failures carry to the browser (next-auth puts them in a URL): fixed codes,
// with a number of seconds for "throttled", turned into sentences by the forms.
export type SignInFailure = { ok: false; reason: "invalid" | "busy" | "unavailable" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export function signInErrorCode(failure: SignInFailure): string {
  return failure.reason === "throttled" ? `throttled:${Math.max(1, Math.ceil(failure.retryAfterSeconds))}` : failure.reason;
}

export function describeSignInError(code: string | null | undefined): string {
  const [kind, seconds] = (code ?? "").split(":");
  if (kind === "throttled" && /^\d{1,6}$/.test(seconds ?? "")) return `Too many attempts. Try again in ${readableWait(Number(seconds))}.`;
  if (kind === "invalid" || kind === "CredentialsSignin") return "Wrong email or password.";
  if (kind === "busy") return "The server is busy. Try again in a few seconds.";
  if (kind === "unavailable") return "Signing in is not possible right now. Try again in a moment.";
  return "Signing in failed. Check your connection and try again.";
}

/** "45 s" for short waits; a sign-up limit can mean most of an hour, which reads better as minutes. */
function readableWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
