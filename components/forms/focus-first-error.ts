/**
 * Moves focus to the form's first field, in page order, that has an error, so the user lands on what
 * to fix. `errors` is keyed by field name: messages, or react-hook-form's FieldErrors. A field whose
 * value travels in a hidden input is reached through the control that sets it (`data-field`).
 */
export function focusFirstError(form: HTMLFormElement | null | undefined, errors: Record<string, unknown>): void {
  const first = Array.from(form?.elements ?? []).find((element) => {
    const name = (element as HTMLInputElement).name || (element as HTMLElement).dataset.field;
    return Boolean(name && errors[name]) && (element as HTMLInputElement).type !== "hidden";
  });
  (first as HTMLElement | undefined)?.focus();
}
