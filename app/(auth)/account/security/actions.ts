"use server";

import { defineAccountAction } from "@/lib/server/action";
import { changeOwnPassword } from "@/lib/services/account/change-own-password";
import { confirmTotpEnrolment } from "@/lib/services/account/confirm-totp-enrolment";
import { startTotpEnrolment } from "@/lib/services/account/start-totp-enrolment";
import { changeOwnPasswordSchema, confirmTotpEnrolmentSchema, startTotpEnrolmentSchema } from "@/lib/validation/account";

export const changeOwnPasswordAction = defineAccountAction({
  schema: changeOwnPasswordSchema,
  run: ({ db, actor, sessionId }, input) => changeOwnPassword(db, actor, input, sessionId),
  message: "Password changed. Your other sessions have ended.",
});

export const startTotpEnrolmentAction = defineAccountAction({
  schema: startTotpEnrolmentSchema,
  run: ({ db, actor }) => startTotpEnrolment(db, actor),
  revalidate: false,
});

export const confirmTotpEnrolmentAction = defineAccountAction({
  schema: confirmTotpEnrolmentSchema,
  run: ({ db, actor }, input) => confirmTotpEnrolment(db, actor, input),
  message: "Your authenticator app is set up.",
  revalidate: false,
});
