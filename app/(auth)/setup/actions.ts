"use server";

import { definePublicAction } from "@/lib/server/action";
import { setupOrganization } from "@/lib/services/admin/setup-organization";
import { setupSchema } from "@/lib/validation/admin";

export const setupAction = definePublicAction({
  schema: setupSchema,
  run: async ({ db }, input) => {
    const user = await setupOrganization(db, input);
    return { email: user.email };
  },
  message: "Your organization is ready. Sign in with the account you just created.",
});
