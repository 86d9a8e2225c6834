// next-auth's credentials sign-in, done the way its browser client does it (the CSRF token, then a
// form POST that answers with the URL it would redirect to, carrying `error` on failure), so the
// sign-in pages do not ship that client for one call.
export async function signInWithCredentials(values: { email: string; password: string }): Promise<{ ok: boolean; error: string | null }> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...values, csrfToken, callbackUrl: window.location.href, json: "true" }),
  });
  const { url } = (await response.json()) as { url: string };
  const error = new URL(url, window.location.origin).searchParams.get("error");
  return { ok: response.ok && !error, error };
}
