"use server";

import { defineAction } from "@/lib/server/action";
import { archiveDeviceClass } from "@/lib/services/admin/archive-device-class";
import { createDeviceClass } from "@/lib/services/admin/create-device-class";
import { createSite } from "@/lib/services/admin/create-site";
import { moveDeviceClass } from "@/lib/services/admin/move-device-class";
import { createParty, updateParty } from "@/lib/services/admin/save-party";
import { updateDeviceClass } from "@/lib/services/admin/update-device-class";
import { updateSite } from "@/lib/services/admin/update-site";
import {
  archiveDeviceClassSchema,
  createDeviceClassSchema,
  createPartySchema,
  createSiteSchema,
  moveDeviceClassSchema,
  updateDeviceClassSchema,
  updatePartySchema,
  updateSiteSchema,
} from "@/lib/validation/admin";

export const createSiteAction = defineAction({
  schema: createSiteSchema,
  run: ({ db, actor }, input) => createSite(db, actor, input).name,
  message: (name) => `Site "${name}" added.`,
});

export const updateSiteAction = defineAction({
  schema: updateSiteSchema,
  run: ({ db, actor }, input) => updateSite(db, actor, input).name,
  message: (name) => `Site "${name}" saved.`,
});

export const createPartyAction = defineAction({
  schema: createPartySchema,
  run: ({ db, actor }, input) => createParty(db, actor, input).name,
  message: (name) => `Party "${name}" added.`,
});

export const updatePartyAction = defineAction({
  schema: updatePartySchema,
  run: ({ db, actor }, input) => updateParty(db, actor, input).name,
  message: (name) => `Party "${name}" saved.`,
});

export const createDeviceClassAction = defineAction({
  schema: createDeviceClassSchema,
  run: ({ db, actor }, input) => createDeviceClass(db, actor, input).name,
  message: (name) => `Device class "${name}" added.`,
});

export const updateDeviceClassAction = defineAction({
  schema: updateDeviceClassSchema,
  run: ({ db, actor }, input) => updateDeviceClass(db, actor, input).name,
  message: (name) => `Device class "${name}" saved.`,
});

export const moveDeviceClassAction = defineAction({
  schema: moveDeviceClassSchema,
  run: ({ db, actor }, input) => moveDeviceClass(db, actor, input).name,
  message: (name) => `Device class "${name}" moved.`,
});

export const archiveDeviceClassAction = defineAction({
  schema: archiveDeviceClassSchema,
  run: ({ db, actor }, input) => archiveDeviceClass(db, actor, input),
  message: (row) => (row.archivedAt ? `Device class "${row.name}" archived.` : `Device class "${row.name}" restored.`),
});
