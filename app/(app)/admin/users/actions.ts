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
  run: ({ db, actor }, input) => {
    const r = setUserActive(db, actor, input);
    return { active: r.active, leaderlessParties: r.leaderlessParties };
  },
  message: (r) =>
    r.active
      ? "User reactivated."
      : `User deactivated. Their open sessions have ended.${r.leaderlessParties.length ? ` ${r.leaderlessParties.join(", ")} now ${r.leaderlessParties.length === 1 ? "has" : "have"} no active lead: name a new lead on the Organization page.` : ""}`,
});

export const setUserPasswordAction = defineAction({
  schema: setUserPasswordSchema,
  run: ({ db, actor }, input) => setUserPassword(db, actor, input),
  message: "Password set. The user's open sessions have ended. Clearline does not yet make them change it at their next sign-in: share it through a separate channel.",
});
