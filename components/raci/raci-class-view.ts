import type { getRaciClass } from "@/lib/services/raci/get-raci-class";

/** One device class's RACI as its page shows it: cells, versions, review slots, what the actor may do. */
export type RaciClassView = ReturnType<typeof getRaciClass>;
