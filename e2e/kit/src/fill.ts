// Plausible values for a form nobody described to the audit: by input type, then by what the
// field's name or label says it holds. Each call makes new made-up words, so that two records the
// audit creates never look alike to a near-match check (that would be a different check's business).
import type { Locator } from "@playwright/test";

interface Field {
  tag: string;
  type: string;
  name: string;
  id: string;
  label: string;
  value: string;
  required: boolean;
  usable: boolean;
  min: string;
}

const SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "no", "ri", "da", "zen", "po", "fi", "mar", "te", "lun"];

function word(): string {
  let w = "";
  for (let i = 0; i < 3; i++) w += SYLLABLES[Math.floor(Math.random() * SYLLABLES.length)];
  return w[0].toUpperCase() + w.slice(1);
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");

function plausible(field: Field): string | undefined {
  const hint = `${field.name} ${field.id} ${field.label}`.toLowerCase();
  const today = new Date().toISOString().slice(0, 10);
  switch (field.type) {
    case "email":
      return `${word().toLowerCase()}.${digits(4)}@example.com`;
    case "tel":
      return `+1 555 01${digits(2)} ${digits(4)}`;
    case "number":
      return field.min || "1";
    case "url":
      return `https://example.com/${word().toLowerCase()}`;
    case "date":
      return today;
    case "datetime-local":
      return `${today}T12:00`;
    case "time":
      return "12:00";
    case "month":
      return today.slice(0, 7);
    case "password":
      return `${word()}-${digits(6)}-Pw!`;
    case "color":
    case "range":
    case "file":
    case "week":
      return undefined;
  }
  if (field.tag === "textarea") return `${word()} ${word().toLowerCase()}: written by the form-kit audit.`;
  if (/e-?mail/.test(hint)) return `${word().toLowerCase()}.${digits(4)}@example.com`;
  if (/phone|tel|mobile/.test(hint)) return `+1 555 01${digits(2)} ${digits(4)}`;
  if (/amount|price|total|quantity|qty|cost/.test(hint)) return `${1 + Math.floor(Math.random() * 90)}.${digits(2)}`;
  if (/zip|postal|postcode/.test(hint)) return digits(5);
  if (/name/.test(hint)) return `${word()} ${word()}`;
  return `${word()} ${word().toLowerCase()} ${digits(3)}`;
}

/** Fills the form's empty fields, and every field `overrides` names (by name, id or label). */
export async function fillForm(form: Locator, overrides: Record<string, string>): Promise<void> {
  const wanted = new Map(Object.entries(overrides).map(([k, v]) => [k.toLowerCase(), v]));
  for (const control of await form.locator("input, textarea, select").all()) {
    const field = await describe(control);
    if (!field.usable) continue;
    const override = [field.name, field.id, field.label].map((k) => wanted.get(k.toLowerCase())).find((v) => v !== undefined);
    if (field.tag === "select") {
      if (override !== undefined) await control.selectOption(override);
      else if (!field.value) await control.selectOption({ index: await firstRealOption(control) });
    } else if (field.type === "checkbox" || field.type === "radio") {
      if (override !== undefined ? /^(1|true|on|yes)$/i.test(override) : field.required) await control.check();
    } else {
      const value = override ?? (field.value ? undefined : plausible(field));
      if (value !== undefined) await control.fill(value);
    }
  }
}

function describe(control: Locator): Promise<Field> {
  return control.evaluate((el: HTMLInputElement) => {
    const style = getComputedStyle(el);
    const visible = style.display !== "none" && style.visibility !== "hidden" && el.getClientRects().length > 0;
    return {
      tag: el.tagName.toLowerCase(),
      type: (el.getAttribute("type") ?? "").toLowerCase(),
      name: el.name ?? "",
      id: el.id ?? "",
      label: (el.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? "").trim(),
      value: el.type === "checkbox" || el.type === "radio" ? "" : (el.value ?? ""),
      required: el.required,
      usable: visible && !el.disabled && !el.readOnly && el.type !== "hidden" && el.type !== "submit" && el.type !== "button",
      min: el.min ?? "",
    };
  });
}

const firstRealOption = (select: Locator) =>
  select.evaluate((el: HTMLSelectElement) =>
    Math.max(
      0,
      Array.from(el.options).findIndex((o) => o.value !== "" && !o.disabled),
    ),
  );
