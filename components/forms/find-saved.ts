// Whether a record with a form's ID was saved, asked of the JSON API with the session cookie: the
// create forms use it to say "Already saved as …" as soon as Back returns to a form that was sent.
import type { SavedRecord } from "./use-draft-id.ts";

export async function findSaved<T>(apiPath: string, named: (body: T) => SavedRecord): Promise<SavedRecord | null> {
  const res = await fetch(apiPath, { headers: { accept: "application/json" }, cache: "no-store" });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${apiPath}: ${res.status}`);
  return named((await res.json()) as T);
}
