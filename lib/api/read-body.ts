// A POST's JSON body, checked in the order a client can fix it: type, size, syntax.
import { MAX_BODY_BYTES } from "@/lib/limits.ts";
import { problem, type ApiResult } from "./result.ts";

export type BodyResult = { ok: true; body: unknown } | { ok: false; result: ApiResult };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJsonBody(request: Request): Promise<BodyResult> {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    return { ok: false, result: problem("unsupported-media-type", `Send the body as application/json${type ? `, not ${type.split(";")[0]}` : ""}.`, {}, { "Accept-Post": "application/json" }) };
  }
  const bytes = await readBodyLimited(request);
  const text = bytes && new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text === null) return { ok: false, result: problem("payload-too-large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`) };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, result: problem("malformed-json", "The body could not be parsed as JSON.") };
  }
}

/**
 * The body, or null once it passes the limit. Content-Length alone is not enough: a chunked body
 * has none, so the stream itself is counted and cancelled at the limit.
 */
export async function readBodyLimited(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
