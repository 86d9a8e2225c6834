// A delivery step in plain words, for the order's timeline. The log keeps what the dispatcher and
// the inbox wrote (IDs in full, "out of date: nothing changed"), which an operator reads; a person
// reading an order wants to know what happened to it, with IDs short enough to glance at.
import type { FulfilmentStep } from "./status.ts";

export interface StepWords {
  title: string;
  /** What else there is to know, in words; null when the title says it all. */
  note: string | null;
  /** IDs the step names, to show short with a way to copy them whole. */
  ids: { label: string; id: string }[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CALLBACK = " (the provider's callback)";
const OUT_OF_DATE = " (out of date: nothing changed)";

export function describeStep(step: FulfilmentStep): StepWords {
  let detail = step.detail ?? "";
  const viaCallback = detail.endsWith(CALLBACK);
  if (viaCallback) detail = detail.slice(0, -CALLBACK.length);
  const late = detail.endsWith(OUT_OF_DATE);
  if (late) detail = detail.slice(0, -OUT_OF_DATE.length);
  const id = detail.match(UUID)?.[0];
  const ids = (label: string) => (id ? [{ label, id }] : []);

  switch (step.kind) {
    case "queued":
      return { title: "Saved, waiting to be sent", note: null, ids: [] };
    case "requeued":
      return { title: "Sent again on request", note: detail.replace(/^requeued by /, "asked by ") || null, ids: [] };
    case "acknowledged":
      return { title: "The provider took the order", note: viaCallback ? "as its callback said" : null, ids: ids("operation") };
    case "confirmed":
      return { title: "Shipped", note: viaCallback ? "as the provider's callback said" : "as the provider answered when asked", ids: ids("shipment") };
    case "retrying":
      return { title: "Could not reach the provider; trying again", note: withoutIds(detail), ids: [] };
    case "failed":
      return { title: "Delivery failed", note: withoutIds(detail), ids: [] };
    case "provider": {
      const title = detail.startsWith("shipped")
        ? "The provider reports it shipped"
        : detail.startsWith("could not ship")
          ? `The provider could not ship it${detail.includes(": ") ? `: ${detail.slice(detail.indexOf(": ") + 2)}` : ""}`
          : "The provider is preparing it";
      return {
        title,
        note: late ? "arrived after a newer update, so it changed nothing" : null,
        ids: ids(detail.startsWith("shipped") ? "shipment" : "operation"),
      };
    }
  }
}

/** An error message with any full ID left out: the step names the order already. */
const withoutIds = (text: string) =>
  text
    .replace(new RegExp(UUID.source, "gi"), "")
    .replace(/\s{2,}/g, " ")
    .trim() || null;
