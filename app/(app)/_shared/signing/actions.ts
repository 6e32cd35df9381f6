"use server";

import { getAccountSession } from "@/lib/auth/current";
import { EXPIRED_MESSAGE, AppError } from "@/lib/errors";
import { SIGNING_CHALLENGE_MINUTES } from "@/lib/rules/signing-challenge";
import { defineAction } from "@/lib/server/action";
import { setSigningChallengeCookie } from "@/lib/server/signing-cookie";
import { startSigningChallenge } from "@/lib/services/signatures/start-signing-challenge";
import { startSigningChallengeSchema } from "@/lib/validation/signing";

/** Before the redirect to the OpenID provider for a signature (docs/decisions/0031). */
export const startSigningChallengeAction = defineAction({
  schema: startSigningChallengeSchema,
  run: async ({ db, actor }, input) => {
    const session = await getAccountSession();
    if (!session.actor) throw new AppError("UNAUTHENTICATED", EXPIRED_MESSAGE);
    const challenge = startSigningChallenge(db, actor, session.sessionId, input);
    await setSigningChallengeCookie(challenge.id, SIGNING_CHALLENGE_MINUTES * 60);
    return challenge;
  },
});
