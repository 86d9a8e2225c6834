// A POST's JSON body, checked in the order a client can fix it: type, size, syntax.
import { MAX_BODY_BYTES } from "@/lib/limits.ts";
import { readBodyLimited } from "@/lib/net/read-body-limited.ts";
import { problem, type ApiResult } from "./result.ts";

export type BodyResult = { ok: true; body: unknown } | { ok: false; result: ApiResult };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export async function readJsonBody(request: Request): Promise<BodyResult> {
  const type = request.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    return {
      ok: false,
      result: problem(
        "unsupported-media-type",
        `Send the body as application/json${type ? `, not ${type.split(";")[0]}` : ""}.`,
        {},
        { "Accept-Post": "application/json" },
      ),
    };
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
