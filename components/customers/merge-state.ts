/** What the merge form's action answers when it does not redirect to the survivor. */
export type MergeFormState = { status: "idle" } | { status: "error"; message: string; survivorUrl?: string };
