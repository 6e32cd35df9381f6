import type { getPlan, planFormOptions } from "@/lib/services/plans/get-plans";

/** One response plan as its page shows it: versions, acknowledgements, signatures, what the actor may do. */
export type PlanDetail = ReturnType<typeof getPlan>;
export type PlanFormOptions = ReturnType<typeof planFormOptions>;
