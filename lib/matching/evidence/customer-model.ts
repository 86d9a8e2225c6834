// The customer model the app scores with: fitted weights (model.json, `npm run fit:match`).
import fitted from "./model.json" with { type: "json" };
import type { MatchModel } from "./model.ts";

export const customerModel: MatchModel = fitted;
