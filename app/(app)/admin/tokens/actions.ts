"use server";

import { defineAction } from "@/lib/server/action";
import { createApiToken } from "@/lib/services/api/create-api-token";
import { revokeApiToken } from "@/lib/services/api/revoke-api-token";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validation/api-tokens";

export const createApiTokenAction = defineAction({
  schema: createApiTokenSchema,
  run: ({ db, actor }, input) => createApiToken(db, actor, input),
  message: "Token created. Copy it now: Clearline keeps only a digest and cannot show it again.",
});

export const revokeApiTokenAction = defineAction({
  schema: revokeApiTokenSchema,
  run: ({ db, actor }, input) => revokeApiToken(db, actor, input.id),
  message: "Token revoked. Requests with it are refused from now on.",
});
