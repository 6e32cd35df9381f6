import { z } from "zod";

/** A signer asks to re-authenticate at the OpenID provider to sign one record (docs/decisions/0031). */
export const startSigningChallengeSchema = z.strictObject({
  entityType: z.string().regex(/^[a-z_]{1,40}$/, "This record cannot be signed here."),
  entityId: z.string().regex(/^[A-Za-z0-9:_-]{1,80}$/, "This record cannot be signed here."),
  returnTo: z.string().min(1).max(500),
});
export type StartSigningChallengeInput = z.infer<typeof startSigningChallengeSchema>;
