import { z } from "zod";
import { ROLES } from "@/db/schema/enums";
import { id, optionalId } from "./common";

export const saveSsoGroupMappingSchema = z
  .strictObject({
    id: optionalId.default(null),
    groupName: z.string().trim().min(1, "Enter the group's name or id exactly as the identity provider sends it.").max(200, "Use at most 200 characters."),
    role: z.preprocess((v) => (v === "" || v == null ? null : v), z.enum(ROLES, { error: "Choose a role, or none." }).nullable()),
    partyId: optionalId,
  })
  .refine((v) => v.role != null || v.partyId != null, { message: "Give the group a role, a party, or both.", path: ["role"] });
export type SaveSsoGroupMappingInput = z.infer<typeof saveSsoGroupMappingSchema>;

export const deleteSsoGroupMappingSchema = z.strictObject({ id });
export type DeleteSsoGroupMappingInput = z.infer<typeof deleteSsoGroupMappingSchema>;
