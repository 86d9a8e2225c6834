"use client";

// The record's browser-made ID (components/forms/draft.ts): made before anything is sent, kept in
// the URL (?draft=) so that Back returns to a form with the same ID, with what was sent under it
// (or what was typed, after a reload); and, when Back returns to a form that was sent, whether it
// was saved ("Already saved as …"), asked at once.
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormValues } from "@/lib/forms/form-state.ts";
import { adoptDraftId, readSent, rememberSent, rememberTyped, replaceDraftId } from "./draft.ts";

/** A record this form's ID already saved: named, with its page, so Back can say so at once. */
export interface SavedRecord {
  title: string;
  href: string;
}

export function useDraftId(options: {
  initialId: string;
  /** Asks the server whether the record with this ID exists (the API, with the session); null when it does not. */
  findSaved: (id: string) => Promise<SavedRecord | null>;
  /** Puts restored values back into the fields. */
  restore: (values: FormValues) => void;
}) {
  // React state, rendered into a hidden input: React re-applies a hidden input's value on every
  // render, so one set from script would be put back.
  const [id, setIdState] = useState(options.initialId);
  const idRef = useRef(id);
  const setId = (next: string) => {
    idRef.current = next;
    setIdState(next);
  };
  const [alreadySaved, setAlreadySaved] = useState<SavedRecord | null>(null);

  const { findSaved } = options;
  const lookUpSaved = useCallback(
    (lookedUp: string) => {
      findSaved(lookedUp).then(
        (saved) => {
          if (saved && idRef.current === lookedUp) setAlreadySaved(saved);
        },
        () => {}, // unknown: submitting again still finds out, safely
      );
    },
    [findSaved],
  );

  const restore = useRef(options.restore);
  useEffect(() => {
    const draft = adoptDraftId();
    const restored = draft.sent ?? draft.typed;
    if (restored) restore.current(restored);
    // The server's HTML cannot know the browser's ID; adopting it after hydration is the point.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setId(draft.id);
    if (draft.sent) lookUpSaved(draft.id);
  }, [lookUpSaved]);

  return {
    id,
    /** The ID now, for handlers that run before the next render. */
    current: useCallback(() => idRef.current, []),
    alreadySaved,
    /** The same entries under a new ID: for when the user really means a second record. */
    startNew: useCallback(() => {
      setAlreadySaved(null);
      setId(replaceDraftId());
    }, []),
    rememberTyped: useCallback((values: FormValues) => rememberTyped(idRef.current, values), []),
    rememberSent: useCallback((values: FormValues) => rememberSent(idRef.current, values), []),
    /** After the back-forward cache restores the page: was what it sent saved meanwhile? */
    checkSent: useCallback(() => {
      if (readSent(idRef.current)) lookUpSaved(idRef.current);
    }, [lookUpSaved]),
  };
}
