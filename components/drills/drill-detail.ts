import type { getDrill } from "@/lib/services/drills/get-drills";

/** One drill as its page shows it: the drill, objectives, findings, items, signatures and what the actor may do. */
export type DrillDetail = ReturnType<typeof getDrill>;
