import "server-only";
import crypto from "node:crypto";
import { untilSliceWritersDone, type Db } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/current";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, EXPIRED_MESSAGE, busyAsAppError } from "@/lib/errors";
import { getDb } from "./db";
import { isSameOrigin } from "./action";

const STATUS: Record<AppError["code"], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID_STATE: 409,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
};

type Handler<A> = (ctx: { db: Db; actor: A; req: Request; params: Record<string, string | string[]> }) => Response | Promise<Response>;

/**
 * The one door for route handlers. `auth: "required"` resolves the session (401 otherwise); the handler's
 * service checks permission. Unsafe methods must come from our own origin. Errors become JSON.
 */
export function defineRoute(opts: {
  auth: "required";
  handler: Handler<Actor>;
}): (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export function defineRoute(opts: {
  auth: "public";
  handler: Handler<Actor | null>;
}): (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export function defineRoute(opts: { auth: "none"; handler: (ctx: { req: Request }) => Response | Promise<Response> }): (req: Request) => Promise<Response>;
export function defineRoute(opts: {
  auth: "required" | "public" | "none";
  handler: Handler<Actor> | Handler<Actor | null> | ((ctx: { req: Request }) => Response | Promise<Response>);
}) {
  return async (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    try {
      // "none": no session, no database (the health probe must answer even when the database cannot).
      if (opts.auth === "none") return await (opts.handler as (c: { req: Request }) => Response | Promise<Response>)({ req });
      if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) {
        if (!isSameOrigin(req.headers.get("origin"), req.headers.get("x-forwarded-host") ?? req.headers.get("host"))) {
          return Response.json({ error: "Cross-origin request refused." }, { status: 403 });
        }
      }
      const session = await getCurrentSession();
      if (opts.auth === "required" && !session.actor) return Response.json({ error: EXPIRED_MESSAGE }, { status: 401 });
      const params = (await ctx?.params) ?? {};
      const db = await getDb();
      // A method that may write waits for an import's open transaction to commit (decision 0041); reads are answered during it.
      if (!["GET", "HEAD", "OPTIONS"].includes(req.method)) await untilSliceWritersDone(db);
      return await (opts.handler as Handler<Actor | null>)({ db, actor: session.actor, req, params });
    } catch (thrown) {
      const e = busyAsAppError(thrown) ?? thrown;
      if (e instanceof AppError) return Response.json({ error: e.message, fieldErrors: e.fieldErrors }, { status: STATUS[e.code] });
      const ref = crypto.randomBytes(3).toString("hex").toUpperCase();
      console.error(`[clearline] unexpected error ref ${ref}`, e);
      return Response.json({ error: `Something went wrong (ref ${ref}).` }, { status: 500 });
    }
  };
}
