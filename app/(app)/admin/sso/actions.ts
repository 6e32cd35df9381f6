"use server";

import { defineAction } from "@/lib/server/action";
import { deleteSsoGroupMapping, saveSsoGroupMapping } from "@/lib/services/admin/manage-sso-group-mappings";
import { deleteSsoGroupMappingSchema, saveSsoGroupMappingSchema } from "@/lib/validation/sso";

export const saveSsoGroupMappingAction = defineAction({
  schema: saveSsoGroupMappingSchema,
  run: ({ db, actor }, input) => saveSsoGroupMapping(db, actor, input),
  message: "Mapping saved. It applies at each person's next single sign-on.",
});

export const deleteSsoGroupMappingAction = defineAction({
  schema: deleteSsoGroupMappingSchema,
  run: ({ db, actor }, input) => deleteSsoGroupMapping(db, actor, input),
  message: "Mapping removed.",
});
