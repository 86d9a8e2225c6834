"use client";

import { useEffect, useState } from "react";
import { readAmount } from "@/lib/validations/amount.ts";

const HINT = "Like 19.99 or 19,99";

/**
 * The amount field's hint: while typing, the amount as it will be saved, in the reader's own
 * number format ("Saves as €1,250.00"), so "12,50" is seen to be twelve and a half before it is
 * sent. Reads the fields from the page, so it serves controlled and uncontrolled forms alike.
 */
export function AmountPreview({ amountId, currencyId }: { amountId: string; currencyId: string }) {
  const [text, setText] = useState(HINT);
  useEffect(() => {
    const update = () => {
      const amount = (document.getElementById(amountId) as HTMLInputElement | null)?.value ?? "";
      const currency = (document.getElementById(currencyId) as HTMLSelectElement | null)?.value || "USD";
      const reading = readAmount(amount);
      setText(amount.trim() && reading.ok ? `Saves as ${formatMoney(reading.minor, currency)}` : HINT);
    };
    update();
    const onEvent = (event: Event) => {
      const id = (event.target as HTMLElement | null)?.id;
      if (id === amountId || id === currencyId) update();
    };
    document.addEventListener("input", onEvent);
    document.addEventListener("change", onEvent);
    return () => {
      document.removeEventListener("input", onEvent);
      document.removeEventListener("change", onEvent);
    };
  }, [amountId, currencyId]);
  return <>{text}</>;
}

function formatMoney(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(navigator.language, { style: "currency", currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}
