// Record IDs are UUIDs. New ones are version 7 (time-ordered), so that primary-key inserts land at
// the end of the index instead of at random pages. The `uuid` package draws from
// crypto.getRandomValues, which browsers provide even on plain-http LAN addresses, where
// crypto.randomUUID is missing.
import { v7, validate } from "uuid";

export const newId = (): string => v7();

/** Any valid UUID is accepted from a client; only new IDs need to be version 7. */
export const isUuid = (value: unknown): value is string => typeof value === "string" && validate(value);
