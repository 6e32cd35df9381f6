import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/db/schema/webhooks";
import { webhookUrlProblem } from "@/lib/rules/webhook";
import { stringList, trimmed } from "./common";

export const createWebhookSchema = z.strictObject({
  name: trimmed("Name", 80),
  url: z
    .string()
    .trim()
    .max(500, "The URL must be at most 500 characters.")
    .superRefine((v, ctx) => {
      const problem = webhookUrlProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  events: stringList.pipe(z.array(z.enum(WEBHOOK_EVENTS, { error: "Unknown event." })).min(1, "Choose at least one event.")),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const disableWebhookSchema = z.strictObject({ id: z.coerce.number().int().positive() });
