// What the Lab's order action answers its form.
export type LabOrderFormState = { status: "idle" } | { status: "invalid"; fieldErrors: Record<string, string>; values: Record<string, string> };
