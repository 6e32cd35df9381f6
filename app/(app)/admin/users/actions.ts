"use server";

import { defineAction } from "@/lib/server/action";
import { createUser } from "@/lib/services/admin/create-user";
import { setUserActive } from "@/lib/services/admin/set-user-active";
import { setUserPassword } from "@/lib/services/admin/set-user-password";
import { updateUser } from "@/lib/services/admin/update-user";
import { resetUserMfa } from "@/lib/services/admin/reset-user-mfa";
import { setMfaPolicy } from "@/lib/services/admin/set-mfa-policy";
import { resetUserMfaSchema, setMfaPolicySchema } from "@/lib/validation/account";
import { createUserSchema, setUserActiveSchema, setUserPasswordSchema, updateUserSchema } from "@/lib/validation/admin";

export const createUserAction = defineAction({
  schema: createUserSchema,
  run: async ({ db, actor }, input) => (await createUser(db, actor, input)).email,
  message: (email) => `User ${email} created. They must choose their own password at first sign-in: share the initial one through a separate channel.`,
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
  message:
    "Password set. The user's open sessions have ended, and they must choose their own password at their next sign-in: share this one through a separate channel.",
});

export const resetUserMfaAction = defineAction({
  schema: resetUserMfaSchema,
  run: ({ db, actor }, input) => resetUserMfa(db, actor, input),
  message: "MFA reset: the user's authenticator and recovery codes no longer work, and their open sessions have ended.",
});

export const setMfaPolicyAction = defineAction({
  schema: setMfaPolicySchema,
  run: ({ db, actor }, input) => setMfaPolicy(db, actor, input),
  message: (required) =>
    required ? "MFA is now required for admins, leadership and party leads: they set it up at their next sign-in." : "MFA is now optional.",
});
