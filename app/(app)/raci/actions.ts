"use server";

import { defineAction } from "@/lib/server/action";
import { reattestRaci } from "@/lib/services/raci/reattest-raci";
import { returnRaci } from "@/lib/services/raci/return-raci";
import { setRaciCell } from "@/lib/services/raci/set-raci-cell";
import { signRaci } from "@/lib/services/raci/sign-raci";
import { submitRaci } from "@/lib/services/raci/submit-raci";
import { setReattestMonths } from "@/lib/services/raci/manage-activities";
import { reattestSettingSchema, returnRaciSchema, setRaciCellSchema, signRaciSchema, submitRaciSchema } from "@/lib/validation/raci";

export const setRaciCellAction = defineAction({
  schema: setRaciCellSchema,
  run: ({ db, actor }, input) => setRaciCell(db, actor, input),
});

export const submitRaciAction = defineAction({
  schema: submitRaciSchema,
  run: ({ db, actor }, input) => submitRaci(db, actor, input).versionNo,
  message: (n) => `Version ${n} submitted for sign-off.`,
});

export const signRaciAction = defineAction({
  schema: signRaciSchema,
  run: ({ db, actor }, input) => signRaci(db, actor, input),
  message: (r) =>
    r.effective
      ? "Signed. All signatures are in: this version is now effective."
      : `Signed. ${r.remaining} signature${r.remaining === 1 ? "" : "s"} still needed.`,
});

export const returnRaciAction = defineAction({
  schema: returnRaciSchema,
  run: ({ db, actor }, input) => returnRaci(db, actor, input).versionNo,
  message: (n) => `Version ${n} returned to draft.`,
});

export const reattestRaciAction = defineAction({
  schema: signRaciSchema,
  run: ({ db, actor }, input) => reattestRaci(db, actor, input),
  message: (r) =>
    r.complete
      ? "Re-attested. Every required signer has re-attested: the matrix is current again."
      : `Re-attested. Still waiting for ${r.remaining} more: ${r.waitingFor.join("; ")}.`,
});

export const reattestSettingAction = defineAction({
  schema: reattestSettingSchema,
  run: ({ db, actor }, input) => setReattestMonths(db, actor, input.months),
  message: (m) => `Effective matrices are now re-attested every ${m} months.`,
});
