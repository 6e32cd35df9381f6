"use server";

// Action items are reached from more than one route (the drill page, the items list): their actions live here, in a
// private folder (no route), so no route imports another route's files (eslint.config.mjs, decision 0021 of #11).
import { defineAction } from "@/lib/server/action";
import { updateItemStatus } from "@/lib/services/action-items/update-item-status";
import { updateItemStatusSchema } from "@/lib/validation/drills";

export const updateItemStatusAction = defineAction({
  schema: updateItemStatusSchema,
  run: ({ db, actor }, input) => {
    updateItemStatus(db, actor, input);
    return input.status;
  },
  message: (s) => (s === "closed" ? "Item closed with its evidence." : "Item updated."),
});
