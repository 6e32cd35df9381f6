import { z } from "zod";
import { id } from "./common";

export const changeOwnPasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password."),
  newPassword: z.string().min(1, "Enter a new password."),
});
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

export const startTotpEnrolmentSchema = z.strictObject({});

export const confirmTotpEnrolmentSchema = z.strictObject({
  code: z.string().trim().min(1, "Enter the 6-digit code your app shows.").max(20, "Enter the 6-digit code your app shows."),
});
export type ConfirmTotpEnrolmentInput = z.infer<typeof confirmTotpEnrolmentSchema>;

export const resetUserMfaSchema = z.strictObject({ id });
export type ResetUserMfaInput = z.infer<typeof resetUserMfaSchema>;

export const setMfaPolicySchema = z.strictObject({ required: z.enum(["true", "false"]).transform((v) => v === "true") });
export type SetMfaPolicyInput = z.infer<typeof setMfaPolicySchema>;
