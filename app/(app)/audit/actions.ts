"use server";

import { z } from "zod";
import { defineAction } from "@/lib/server/action";
import { verifyAuditChain } from "@/lib/services/audit/verify-audit-chain";

export const verifyAuditAction = defineAction({
  schema: z.strictObject({}),
  run: ({ db, actor }) => verifyAuditChain(db, actor),
  message: (v) =>
    v.ok
      ? `Integrity verified: all ${v.checked} entries are intact and the chain is complete.`
      : `Integrity check FAILED at entry #${v.firstBadSeq}. ${v.message}`,
});
