// The Lab's form is a plain HTML form POST (so that switching post-redirect-get off really gives
// the browser a POST result to reload). When a submit needs the user again (invalid input, a
// possible duplicate, an ID already used) the server redirects back to /lab and hands the page
// what was typed through this short-lived cookie, matched by a one-time nonce in the URL.
import { randomUUID } from "node:crypto";
import type { FormValues } from "@/lib/forms/form-state.ts";

export const FLASH_COOKIE = "dedupe-lab-form";
export const FLASH_MAX_AGE_S = 120;

export interface LabFlash {
  nonce: string;
  userId: string;
  status: "invalid" | "possible-duplicate" | "conflict" | "refused";
  values: FormValues;
  fieldErrors?: Record<string, string>;
  ticketId?: string;
}

export function newFlash(flash: Omit<LabFlash, "nonce">): LabFlash {
  return { ...flash, nonce: randomUUID() };
}

export const encodeFlash = (flash: LabFlash): string => Buffer.from(JSON.stringify(flash)).toString("base64url");

/** The flash for this user and this URL's nonce, or null (missing, stale, tampered or another user's). */
export function decodeFlash(cookie: string | undefined, userId: string, nonce: string | undefined): LabFlash | null {
  if (!cookie || !nonce) return null;
  try {
    const flash = JSON.parse(Buffer.from(cookie, "base64url").toString("utf8")) as LabFlash;
    if (flash.userId !== userId || flash.nonce !== nonce || typeof flash.values !== "object" || flash.values === null) return null;
    const values: FormValues = {};
    for (const [k, v] of Object.entries(flash.values)) if (typeof v === "string") values[k] = v;
    return { ...flash, values };
  } catch {
    return null;
  }
}
