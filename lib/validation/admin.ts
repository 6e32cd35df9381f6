import { z } from "zod";
import { CONNECTIVITY, CRITICALITY, FDA_CLASSES, PARTY_KINDS, REGULATED, ROLES } from "@/db/schema/enums";
import { checkbox, id, optionalId, optionalText, stringList, trimmed } from "./common";

export const SITE_KINDS = ["hospital", "clinic", "campus", "other"] as const;

export const createSiteSchema = z.strictObject({
  name: trimmed("Name", 120),
  code: trimmed("Code", 12).regex(/^[A-Za-z0-9-]+$/, "Code may contain letters, digits and dashes only."),
  kind: z.enum(SITE_KINDS, { error: "Choose a kind of site." }),
});
export type CreateSiteInput = z.infer<typeof createSiteSchema>;

export const updateSiteSchema = createSiteSchema.extend({ id, archived: checkbox });
export type UpdateSiteInput = z.infer<typeof updateSiteSchema>;

export const createPartySchema = z.strictObject({
  name: trimmed("Name", 120),
  kind: z.enum(PARTY_KINDS, { error: "Choose internal or external." }),
  description: optionalText(1000),
  leadUserId: optionalId,
});
export type CreatePartyInput = z.infer<typeof createPartySchema>;
export const updatePartySchema = createPartySchema.extend({ id });
export type UpdatePartyInput = z.infer<typeof updatePartySchema>;

const roles = stringList.pipe(z.array(z.enum(ROLES, { error: "Unknown role." })).min(1, "Give the user at least one role."));

export const createUserSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  name: trimmed("Name", 120),
  title: optionalText(120),
  roles,
  partyId: optionalId,
  password: z.string().min(1, "Set an initial password."),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  id,
  name: trimmed("Name", 120),
  title: optionalText(120),
  roles,
  partyId: optionalId,
  /** Limits the user's dashboard and board report to one site; empty = the whole organization. */
  siteId: optionalId.default(null),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** `confirm`: the admin has read what deactivating a party lead blocks (lib/services/admin/deactivation-impact.ts). */
export const setUserActiveSchema = z.strictObject({ id, active: z.enum(["true", "false"]).transform((v) => v === "true"), confirm: checkbox.optional() });
export type SetUserActiveInput = z.infer<typeof setUserActiveSchema>;

export const setUserPasswordSchema = z.strictObject({ id, password: z.string().min(1, "Enter a new password.") });
export type SetUserPasswordInput = z.infer<typeof setUserPasswordSchema>;

export const deviceClassFields = {
  name: trimmed("Name", 120),
  description: optionalText(2000),
  regulated: z.enum(REGULATED, { error: "Say whether it is a regulated medical device." }),
  fdaClass: z.preprocess((v) => (v === "" || v == null ? null : v), z.enum(FDA_CLASSES).nullable()),
  connectivity: z.enum(CONNECTIVITY, { error: "Choose the connectivity." }),
  remoteVendorAccess: checkbox,
  storesPhi: checkbox,
  lifeSustaining: checkbox,
  criticality: z.enum(CRITICALITY, { error: "Choose a clinical criticality." }),
};

export const createDeviceClassSchema = z.strictObject({ ...deviceClassFields, parentId: optionalId });
export type CreateDeviceClassInput = z.infer<typeof createDeviceClassSchema>;
export const updateDeviceClassSchema = z.strictObject({ ...deviceClassFields, id });
export type UpdateDeviceClassInput = z.infer<typeof updateDeviceClassSchema>;
export const moveDeviceClassSchema = z.strictObject({ id, parentId: optionalId });
export type MoveDeviceClassInput = z.infer<typeof moveDeviceClassSchema>;
export const archiveDeviceClassSchema = z.strictObject({ id, archived: z.enum(["true", "false"]).transform((v) => v === "true") });
export type ArchiveDeviceClassInput = z.infer<typeof archiveDeviceClassSchema>;

export const setupSchema = z.strictObject({
  organizationName: trimmed("Organization name", 160),
  name: trimmed("Your name", 120),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Choose a password."),
});
export type SetupInput = z.infer<typeof setupSchema>;
