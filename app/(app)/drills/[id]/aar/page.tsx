import type { Metadata } from "next";
import { loadOr404, pathId } from "@/lib/server/route-params";
import { requirePageActor } from "@/lib/auth/current";
import { getOrganization } from "@/lib/services/admin/list-org";
import { getDrill } from "@/lib/services/drills/get-drills";
import { getDb } from "@/lib/server/db";
import { AarPrint } from "@/components/drills/aar-print";
import { clock } from "@/lib/clock";

export const metadata: Metadata = { title: "After-Action Report / Improvement Plan — print" };

/** HSEEP After-Action Report / Improvement Plan, laid out for paper (no navigation when printed). */
export default async function DrillAarPrintPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = pathId((await params).id);
  const db = await getDb();
  const r = loadOr404(() => getDrill(db, actor, id));
  const org = getOrganization(db, actor);
  return <AarPrint r={r} orgName={org?.name} printedAt={clock.now().toISOString()} />;
}
