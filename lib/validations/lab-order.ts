// The Integration Lab's order form: what it sends, checked the same way in the browser and the server.
import * as z from "zod/mini";
import { recordId, text } from "./common.ts";

export const labOrderSchema = z.object({
  id: recordId,
  description: text("Description", 200, { required: true }),
});
