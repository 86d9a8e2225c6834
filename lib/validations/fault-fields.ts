// The sandbox provider's fault controls on /integrations: what the form renders, apart from the zod
// schema that checks them (faults.ts). In a module of their own, because webpack keeps a module's
// export in every page that loads the module once any page uses it.
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
