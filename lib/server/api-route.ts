import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { bearerToken, hasScope, type ApiScope } from "@/lib/rules/api-token";
import { authenticateApiToken, takeApiRate, type ApiCaller } from "@/lib/services/api/authenticate-api-token";

/**
 * RFC 9457 problem types of the integration API. Each `type` is stable: integrators branch on it, not on the text.
 * They resolve to the API reference page's problem list.
 */
export const PROBLEMS = {
  "token-missing": { status: 401, title: "No API token" },
  "token-invalid": { status: 401, title: "API token not recognised" },
  "token-revoked": { status: 401, title: "API token revoked" },
  "token-expired": { status: 401, title: "API token expired" },
  "insufficient-scope": { status: 403, title: "The token lacks a scope" },
  "not-found": { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  "idempotency-conflict": { status: 409, title: "Idempotency key reused with another request" },
  "payload-too-large": { status: 413, title: "Request too large" },
  "validation-failed": { status: 422, title: "The request has invalid fields" },
  "rate-limited": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Unexpected error" },
} as const;
export type ProblemType = keyof typeof PROBLEMS;
/** Problem types are fragments of the API reference page, where each is explained. */
export const PROBLEM_BASE = "/api/v1/problems";

export function problem(type: ProblemType, detail: string, extra: { errors?: { field: string; message: string }[]; headers?: Record<string, string> } = {}): Response {
  const p = PROBLEMS[type];
  return new Response(JSON.stringify({ type: `${PROBLEM_BASE}#${type}`, title: p.title, status: p.status, detail, ...(extra.errors ? { errors: extra.errors } : {}) }), {
    status: p.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...extra.headers },
  });
}

const AUTH_DETAIL = {
  missing: ["token-missing", "Send the token in an Authorization header: `Bearer clt_…`."],
  malformed: ["token-invalid", "The Authorization header does not hold a Clearline API token (clt_<8 hex>_<43 characters>)."],
  unknown: ["token-invalid", "This API token is not recognised."],
  revoked: ["token-revoked", "This API token was revoked by an administrator."],
  expired: ["token-expired", "This API token has expired; ask an administrator for a new one."],
  creator_inactive: ["token-revoked", "The administrator who created this token no longer has access; the token stopped with them."],
} as const;

export interface ApiRouteDef<Q extends z.ZodType, P extends z.ZodType> {
  scope: ApiScope;
  query?: Q;
  params?: P;
  run: (ctx: { db: Db; caller: ApiCaller; query: z.infer<Q>; params: z.infer<P>; req: Request }) => unknown | Promise<unknown>;
}

/** URL query → object; a key given twice is refused rather than silently taking one of them. */
function queryObject(url: URL): { value: Record<string, string> } | { duplicate: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) {
    if (k in out) return { duplicate: k };
    out[k] = v;
  }
  return { value: out };
}

function fieldErrors(error: z.ZodError, where: string): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join("."), message: i.message }));
}

/**
 * The one door for /api/v1: bearer token (401 with a stable problem type per reason), scope (403), per-token rate
 * (429 with Retry-After), strict query and path parsing (422 with field errors), the service's own permission and
 * site checks (a record outside the token's site is 404), and problem+json for every error — never a 500 for bad
 * input. Testable without Next.js: the route file passes its connection in.
 */
export async function handleApi<Q extends z.ZodType, P extends z.ZodType>(db: Db, req: Request, rawParams: Record<string, string | string[]>, def: ApiRouteDef<Q, P>): Promise<Response> {
  try {
    const auth = authenticateApiToken(db, bearerToken(req.headers.get("authorization")), clock.now());
    if (!auth.ok) {
      const [type, detail] = AUTH_DETAIL[auth.reason];
      return problem(type, detail, { headers: { "www-authenticate": 'Bearer realm="clearline"' } });
    }
    const { caller } = auth;
    if (!hasScope(caller.scopes, def.scope)) return problem("insufficient-scope", `This request needs the “${def.scope}” scope; the token has ${caller.scopes.join(", ") || "none"}.`);
    const rate = takeApiRate(caller.tokenId);
    if (!rate.allowed) return problem("rate-limited", `This token sent too many requests; try again in ${rate.retryAfterSeconds} s.`, { headers: { "retry-after": String(rate.retryAfterSeconds) } });
    const url = new URL(req.url);
    const q = queryObject(url);
    if ("duplicate" in q) return problem("validation-failed", `The query parameter “${q.duplicate}” is given twice.`, { errors: [{ field: `query.${q.duplicate}`, message: "Give it once." }] });
    const query = (def.query ?? z.strictObject({})).safeParse(q.value);
    if (!query.success) return problem("validation-failed", "Some query parameters are not valid.", { errors: fieldErrors(query.error, "query") });
    const params = (def.params ?? z.object({})).safeParse(rawParams);
    if (!params.success) return problem("validation-failed", "The path is not valid.", { errors: fieldErrors(params.error, "path") });
    const body = await def.run({ db, caller, query: query.data as z.infer<Q>, params: params.data as z.infer<P>, req });
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
  } catch (e) {
    if (e instanceof AppError) {
      switch (e.code) {
        case "NOT_FOUND":
        case "FORBIDDEN":
          // Outside the token's site or reach: not found, never "forbidden" (nothing about the record leaks).
          return problem("not-found", e.code === "NOT_FOUND" ? e.message : "This record was not found.");
        case "CONFLICT":
        case "INVALID_STATE":
          return problem("conflict", e.message);
        case "VALIDATION":
          return problem("validation-failed", e.message, { errors: Object.entries(e.fieldErrors ?? {}).flatMap(([field, ms]) => ms.map((message) => ({ field, message }))) });
        case "RATE_LIMITED":
          return problem("rate-limited", e.message, { headers: { "retry-after": "60" } });
        default:
          return problem("token-invalid", e.message);
      }
    }
    const ref = crypto.randomBytes(3).toString("hex").toUpperCase();
    console.error(`[clearline] API error ref ${ref}`, e);
    return problem("internal", `Something went wrong (ref ${ref}). Nothing was changed.`);
  }
}

/** Opaque cursors: base64url JSON of the last item's sort key. A cursor that does not decode is a 422. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}
export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | null {
  if (!cursor) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("VALIDATION", "The cursor is not one this API gave out.", { cursor: ["Use the nextCursor of the previous page."] });
  }
  if (!check(v)) throw new AppError("VALIDATION", "The cursor is not one this API gave out.", { cursor: ["Use the nextCursor of the previous page."] });
  return v;
}

/** A Next.js route handler for one /api/v1 endpoint (the connection is the server's one). */
export function defineApiRoute<Q extends z.ZodType, P extends z.ZodType>(def: ApiRouteDef<Q, P>) {
  return async (req: Request, ctx?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const { getDb } = await import("./db");
      return await handleApi(await getDb(), req, (await ctx?.params) ?? {}, def);
    } catch (e) {
      const ref = crypto.randomBytes(3).toString("hex").toUpperCase();
      console.error(`[clearline] API error ref ${ref}`, e);
      return problem("internal", `Something went wrong (ref ${ref}). Nothing was changed.`);
    }
  };
}
