import { ping } from "@/db/client";
import { getSqlite } from "@/lib/server/db";
import { defineRoute } from "@/lib/server/route";

/** Liveness and database reachability, for load balancers and monitoring. */
export const GET = defineRoute({
  auth: "none",
  handler: async () => {
    try {
      if (ping(await getSqlite())) return Response.json({ status: "ok", database: "reachable" }, { headers: { "Cache-Control": "no-store" } });
    } catch {
      // fall through
    }
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  },
});
