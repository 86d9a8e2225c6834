/** Moves focus to the form's first field, in page order, that has an error, so the user lands on what to fix. */
export function focusFirstError(form: HTMLFormElement | null | undefined, errors: Record<string, string | undefined>): void {
  const first = Array.from(form?.elements ?? []).find((element) => {
    const name = (element as HTMLInputElement).name;
    return Boolean(name && errors[name]) && (element as HTMLInputElement).type !== "hidden";
  });
  (first as HTMLElement | undefined)?.focus();
}
