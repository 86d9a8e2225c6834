// A form POST's body for a route handler, held to the same 64 KB as everything else. A chunked
// body carries no Content-Length for the proxy to check, and request.formData() reads all of it.
import { readBodyLimited } from "@/lib/net/read-body-limited.ts";

export type FormBody = { ok: true; form: FormData } | { ok: false; reason: "too-large" | "not-a-form" };

export async function readFormBody(request: Request): Promise<FormBody> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return { ok: false, reason: "not-a-form" };
  const bytes = await readBodyLimited(request);
  if (!bytes) return { ok: false, reason: "too-large" };
  try {
    return { ok: true, form: await new Response(new Blob([new Uint8Array(bytes)]), { headers: { "content-type": type } }).formData() };
  } catch {
    return { ok: false, reason: "not-a-form" };
  }
}
