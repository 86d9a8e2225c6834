// What the forms render (field lengths, choices, labels), kept apart from the zod schemas that use
// the same values: a form can render without shipping zod, which loads only when it validates
// (lib/forms/lazy-schema.ts), and the browser's limits and the server's never disagree.
export const CUSTOMER_LIMITS = { name: 200, email: 254, phone: 40, company: 200 } as const;
export const CURRENCIES = ["USD", "EUR", "GBP"] as const;
export const TICKET_LIMITS = { title: 200, details: 500 } as const;

// The sandbox provider's fault controls on /integrations.
export const RATE_FIELDS = [
  { name: "failureRate", label: "Failure rate", help: "Answers 503 before doing anything." },
  { name: "timeoutRate", label: "Timeout rate", help: "Takes the order, then never answers." },
  { name: "lostAckRate", label: "Lost answer rate", help: "Takes the order, then drops the connection." },
  { name: "duplicateCallbackRate", label: "Duplicate callback rate", help: "Sends a callback twice at once." },
  { name: "callbackLossRate", label: "Lost callback rate", help: "A callback never arrives." },
  { name: "reorderRate", label: "Reorder rate", help: "“Processing” arrives after the result." },
] as const;

export const SWITCH_FIELDS = [
  { name: "down", label: "Down (refuses every call)" },
  { name: "incompatible", label: "Incompatible release (400 to everything)" },
  { name: "replayOld", label: "Replay callbacks from hours ago" },
] as const;
