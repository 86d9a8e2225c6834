// Test-mode scenarios one request can ask for in its body ("sandbox": { … }), as payment sandboxes
// offer magic test values: one order misbehaves without touching the faults everyone shares. The
// Integration Lab uses them. Kept in memory: a scenario is a test's, not a record.
import * as z from "zod";

export const scenarioSchema = z
  .object({
    /**
     * The first answer to this order's shipment request is lost after the work is taken, with its
     * "processing" callback, and that work takes 3 s longer: the client's retry comes first.
     */
    loseFirstAnswer: z.boolean().optional(),
    /** Every callback about this order is sent twice at once. */
    duplicateCallbacks: z.boolean().optional(),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;

export class Scenarios {
  private readonly answerLost = new Set<string>();
  private readonly duplicated = new Set<string>();

  /** Takes note of what the request asked for; true when its answer is to be lost now. */
  apply(orderId: string, scenario: Scenario | undefined): { loseAnswer: boolean } {
    if (scenario?.duplicateCallbacks) this.duplicated.add(orderId);
    if (!scenario?.loseFirstAnswer || this.answerLost.has(orderId)) return { loseAnswer: false };
    this.answerLost.add(orderId);
    return { loseAnswer: true };
  }

  callbackCopies(orderId: string): number {
    return this.duplicated.has(orderId) ? 2 : 1;
  }
}
