// Amounts as people type them, read one way only. "12,50" and "12.50" are both twelve and a half
// (a comma keypad is all a phone in a comma locale offers); "1,250.00" and "1.250,00" both group
// thousands; "1,250" could be either, so it is refused with both readings rather than guessed.
// No zod here: the forms show what an amount will be saved as while it is typed.

export type AmountReading = { ok: true; minor: number } | { ok: false; message: string };

const GENERIC = "Enter the amount as a number, like 19.99 or 19,99.";
const SPACES = /[\s\u00A0\u202F]/g;
const HAS_SPACE = /[\s\u00A0\u202F]/;

/** Minor units (cents) from what a person typed, or why it cannot be read unambiguously. */
export function readAmount(typed: string): AmountReading {
  const value = typed.trim();
  if (!/^\d[\d.,\s\u00A0\u202F]*$/.test(value) || /[.,\s\u00A0\u202F]{2}/.test(value)) return { ok: false, message: GENERIC };
  const separators = [...value.matchAll(/[.,]/g)].map((m) => ({ char: m[0], at: m.index }));
  const last = separators.at(-1);
  // The decimal separator, if any: the last . or , when it appears once and 1 or 2 digits follow.
  let decimal: string | null = null;
  if (last) {
    const after = value.slice(last.at + 1).replace(SPACES, "");
    const once = separators.filter((s) => s.char === last.char).length === 1;
    const otherKind = separators.some((s) => s.char !== last.char);
    if (once && (after.length === 1 || after.length === 2)) decimal = last.char;
    else if (once && after.length === 3 && !otherKind && !HAS_SPACE.test(value))
      return { ok: false, message: ambiguous(value, value.slice(0, last.at), after) };
    else if (once && after.length > 3 && !otherKind) {
      return { ok: false, message: "Use at most two decimals." };
    } else if (once && otherKind) return { ok: false, message: unreadable(value) };
    else if (after.length === 0) return { ok: false, message: GENERIC };
  }
  const [wholePart, fraction = ""] = decimal ? [value.slice(0, last!.at), value.slice(last!.at + 1)] : [value, ""];
  // Whatever else separates digits groups thousands: one kind only, in groups of three.
  const grouping = new Set(wholePart.match(/[.,\s\u00A0\u202F]/g) ?? []);
  if (grouping.size > 1 || (decimal && grouping.has(decimal))) return { ok: false, message: unreadable(value) };
  const groups = wholePart.split(/[.,\s\u00A0\u202F]/);
  if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return { ok: false, message: unreadable(value) };
  const digits = groups.join("");
  if (fraction.replace(SPACES, "") !== fraction || digits.length > 9)
    return { ok: false, message: digits.length > 9 ? "The amount can be at most 1,000,000.00." : GENERIC };
  return { ok: true, minor: Number(digits) * 100 + Number(fraction.padEnd(2, "0")) };
}

/** Cents from an amount, or null when it cannot be read unambiguously. */
export function parseAmountToMinor(value: string): number | null {
  const reading = readAmount(value);
  return reading.ok ? reading.minor : null;
}

/** "1,250": a thousands separator (1250) or a decimal one (1.25)? Both readings, and what to write. */
function ambiguous(value: string, head: string, after: string): string {
  const whole = `${head}${after}`;
  if (after.endsWith("0"))
    return `“${value}” could be ${whole} or ${head}.${after.slice(0, 2)}: write ${whole}, or ${head}.${after.slice(0, 2)} for the smaller amount.`;
  return `“${value}” reads as ${whole} only if the ${value.includes(",") ? "comma" : "point"} separates thousands (amounts have at most two decimals): write ${whole}.`;
}
const unreadable = (value: string) => `“${value}” is not an amount we can read one way only: write it like 1234.50, 1,234.50 or 1.234,50.`;

/** What a form sends to the API (which takes digits and a point only): "12,50" → "12.50"; unreadable input as typed, for the API to refuse. */
export function toApiAmount(typed: string): string {
  const reading = readAmount(typed);
  return reading.ok ? (reading.minor / 100).toFixed(2) : typed;
}
