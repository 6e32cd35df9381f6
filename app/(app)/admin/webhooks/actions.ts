"use server";

import { defineAction } from "@/lib/server/action";
import { createWebhook, disableWebhook } from "@/lib/services/webhooks/manage-webhooks";
import { createWebhookSchema, disableWebhookSchema } from "@/lib/validation/webhooks";

export const createWebhookAction = defineAction({
  schema: createWebhookSchema,
  run: ({ db, actor }, input) => createWebhook(db, actor, input),
  message: "Subscription created. Copy the signing secret now: it is shown once.",
});

export const disableWebhookAction = defineAction({
  schema: disableWebhookSchema,
  run: ({ db, actor }, input) => disableWebhook(db, actor, input.id),
  message: "Subscription disabled.",
});
