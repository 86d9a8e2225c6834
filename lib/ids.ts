// Record IDs are UUIDs. New ones are version 7 (time-ordered), so that primary-key inserts land at
// the end of the index instead of at random pages. The `uuid` package draws from
// crypto.getRandomValues, which browsers provide even on plain-http LAN addresses, where
// crypto.randomUUID is missing.
import { v7, validate } from "uuid";

export const newId = (): string => v7();

/** Any valid UUID is accepted from a client; only new IDs need to be version 7. */
export const isUuid = (value: unknown): value is string => typeof value === "string" && validate(value);

/**
 * The ID a server-rendered create form carries: the one in its `?draft=` (after Back, so the form
 * keeps its identity), else a new one. The browser replaces a new one with its own; without
 * JavaScript this is the ID the form sends.
 */
export const draftIdOrNew = (draft: unknown): string => (isUuid(draft) ? draft : newId());
