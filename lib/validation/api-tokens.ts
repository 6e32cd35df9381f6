import { z } from "zod";
import { API_SCOPES } from "@/lib/rules/api-token";
import { optionalId, stringList, trimmed } from "./common";

const calendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the expiry date as YYYY-MM-DD.")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number);
    const t = new Date(Date.UTC(y!, m! - 1, d!));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d;
  }, "The expiry date is not a calendar date.");

export const createApiTokenSchema = z.strictObject({
  name: trimmed("Name", 80),
  scopes: stringList.pipe(z.array(z.enum(API_SCOPES, { error: "Unknown scope." })).min(1, "Give the token at least one scope.")),
  siteId: optionalId,
  expiresOn: calendarDate,
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.strictObject({ id: z.coerce.number().int().positive() });
