// A form's record ID lives in the URL (?draft=) from the moment the browser makes it, so that Back
// returns to a form with the same ID, whether the page is restored or rendered again; what was sent
// under that ID is kept in sessionStorage, so a re-rendered form can be filled again.
import type { FormValues } from "@/lib/forms/form-state.ts";
import { isUuid, newId } from "@/lib/ids.ts";

const storageKey = (id: string) => `dedupe:draft:${id}`;
const typedKey = (id: string) => `dedupe:typed:${id}`;

/**
 * The ID in the URL (after Back or a reload) with what was sent under it, or else what was typed
 * under it; or a new ID written into the URL.
 */
export function adoptDraftId(): { id: string; sent: FormValues | null; typed: FormValues | null } {
  const fromUrl = new URL(window.location.href).searchParams.get("draft");
  if (fromUrl && isUuid(fromUrl)) {
    const sent = readSent(fromUrl);
    return { id: fromUrl, sent, typed: sent ? null : readTyped(fromUrl) };
  }
  return { id: replaceDraftId(), sent: null, typed: null };
}

/** A new ID for the form, replacing the one in the URL: for a genuinely new record. */
export function replaceDraftId(): string {
  const id = newId();
  const url = new URL(window.location.href);
  url.searchParams.set("draft", id);
  window.history.replaceState(window.history.state, "", url);
  return id;
}

export function rememberSent(id: string, values: FormValues): void {
  sessionStorage.setItem(storageKey(id), JSON.stringify(values));
}

/** What is typed into a form not yet sent, so a reload (or a crashed tab restored) gives it back. */
export function rememberTyped(id: string, values: FormValues): void {
  try {
    sessionStorage.setItem(typedKey(id), JSON.stringify(values));
  } catch {
    // Storage full or refused: the form still works, only a reload would lose the typing.
  }
}

function readTyped(id: string): FormValues | null {
  const typed = sessionStorage.getItem(typedKey(id));
  return typed ? (JSON.parse(typed) as FormValues) : null;
}

export function readSent(id: string): FormValues | null {
  const sent = sessionStorage.getItem(storageKey(id));
  return sent ? (JSON.parse(sent) as FormValues) : null;
}

/** True when this page was reached with Back or Forward (and not restored from the back-forward cache). */
export function cameBackToPage(): boolean {
  const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  return entry?.type === "back_forward";
}

/** Calls `unlock` when the page comes back from the back-forward cache with its old state. */
export function onRestoredFromCache(unlock: () => void): () => void {
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) unlock();
  };
  window.addEventListener("pageshow", onPageShow);
  return () => window.removeEventListener("pageshow", onPageShow);
}

/**
 * form.submit() from a script skips the submit event, and with it the guard that stops a second
 * submit. Route it through requestSubmit(), which fires the event like a click. Returns the undo.
 */
export function guardScriptSubmits(form: HTMLFormElement): () => void {
  form.submit = () => form.requestSubmit();
  return () => {
    delete (form as { submit?: unknown }).submit; // back to HTMLFormElement.prototype.submit
  };
}
