// The sandbox's fault controls on /integrations: form fields in, the provider's own fault schema out.
import { z } from "zod";

const rate = (label: string) => z.coerce.number({ error: `${label} must be a number` }).min(0, `${label} is at least 0`).max(1, `${label} is at most 1`);

export const faultsFormSchema = z.object({
  failureRate: rate("Failure rate"),
  timeoutRate: rate("Timeout rate"),
  lostAckRate: rate("Lost answer rate"),
  latencyMs: z.coerce.number({ error: "Latency must be a number" }).int("Latency is whole milliseconds").min(0, "Latency is at least 0").max(60_000, "Latency is at most 60000 ms"),
  down: z.literal("on").optional().transform((v) => v === "on"),
  incompatible: z.literal("on").optional().transform((v) => v === "on"),
});

export type FaultsFormValues = Record<"failureRate" | "timeoutRate" | "lostAckRate" | "latencyMs", string> & { down: boolean; incompatible: boolean };
