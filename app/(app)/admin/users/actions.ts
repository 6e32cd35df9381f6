"use server";

import { defineAction } from "@/lib/server/action";
import { createUser } from "@/lib/services/admin/create-user";
import { setUserActive } from "@/lib/services/admin/set-user-active";
import { setUserPassword } from "@/lib/services/admin/set-user-password";
import { updateUser } from "@/lib/services/admin/update-user";
import { createUserSchema, setUserActiveSchema, setUserPasswordSchema, updateUserSchema } from "@/lib/validation/admin";

export const createUserAction = defineAction({
  schema: createUserSchema,
  run: async ({ db, actor }, input) => (await createUser(db, actor, input)).email,
  message: (email) => `User ${email} created. Clearline does not yet make them change the initial password at first sign-in: tell them to ask you for a new one if it may have been seen by anyone else.`,
});

export const updateUserAction = defineAction({
  schema: updateUserSchema,
  run: ({ db, actor }, input) => {
    updateUser(db, actor, input);
  },
  message: "User saved.",
});

export const setUserActiveAction = defineAction({
  schema: setUserActiveSchema,
  run: ({ db, actor }, input) => setUserActive(db, actor, input).active,
  message: (active) => (active ? "User reactivated." : "User deactivated. Their open sessions have ended."),
});

export const setUserPasswordAction = defineAction({
  schema: setUserPasswordSchema,
  run: ({ db, actor }, input) => setUserPassword(db, actor, input),
  message: "Password set. The user's open sessions have ended. Clearline does not yet make them change it at their next sign-in: share it through a separate channel.",
});
