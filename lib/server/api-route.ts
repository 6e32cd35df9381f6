import crypto from "node:crypto";
import { z } from "zod";
import { untilSliceWritersDone, whenWritable, type Db } from "@/db/client";
import { clock } from "@/lib/clock";
import { AppError, busyAsAppError } from "@/lib/errors";
import { bearerToken, hasScope, type ApiScope } from "@/lib/rules/api-token";
import { authenticateApiToken, takeApiRate, type ApiCaller } from "@/lib/services/api/authenticate-api-token";
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentResponse } from "@/lib/services/api/idempotency-keys";
import { installZodMessages } from "@/lib/validation/zod-messages";
import { CONTROL_CHARACTER_SENTENCE, controlCharacterPath } from "@/lib/validation/control-characters";

// Sentences instead of zod's library text for checks without a message of their own.
installZodMessages();

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

export function problem(
  type: ProblemType,
  detail: string,
  extra: { errors?: { field: string; message: string }[]; headers?: Record<string, string> } = {},
): Response {
  const p = PROBLEMS[type];
  return new Response(
    JSON.stringify({ type: `${PROBLEM_BASE}#${type}`, title: p.title, status: p.status, detail, ...(extra.errors ? { errors: extra.errors } : {}) }),
    {
      status: p.status,
      headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...extra.headers },
    },
  );
}

const AUTH_DETAIL = {
  missing: ["token-missing", "Send the token in an Authorization header: `Bearer clt_…`."],
  malformed: ["token-invalid", "The Authorization header does not hold a Clearline API token (clt_<8 hex>_<43 characters>)."],
  unknown: ["token-invalid", "This API token is not recognised."],
  revoked: ["token-revoked", "This API token was revoked by an administrator."],
  expired: ["token-expired", "This API token has expired; ask an administrator for a new one."],
  creator_inactive: ["token-revoked", "The administrator who created this token no longer has access; the token stopped with them."],
} as const;

/** What a route's OpenAPI entry needs besides its schemas (the same declaration serves both). */
export interface ApiRouteDoc {
  summary: string;
  description: string;
  /** The 2xx response's schema and sentence. */
  response: z.ZodType;
  responseDescription: string;
  /** When the route answers 404 (a record unknown or outside the token's site). */
  notFound?: string;
  /** A request that works against the demo organization: the OpenAPI document carries it, and a test replays it. */
  example: { query?: Record<string, string>; params?: Record<string, string>; body?: unknown };
}

export interface ApiRouteDef<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType = z.ZodType> {
  method: "GET" | "POST";
  /** OpenAPI path with {name} parameters, e.g. /api/v1/devices/{ref}. */
  path: string;
  scope: ApiScope;
  query?: Q;
  params?: P;
  /** A JSON body, parsed strictly; its size is bounded by maxBodyBytes (413 above it). */
  body?: B;
  maxBodyBytes?: number;
  /** A body array with a bound on its length: more items is a 413 (send fewer per call), before any field is checked. */
  maxItems?: { field: string; max: number };
  /** Honours an Idempotency-Key header (a write a client may retry after a timeout). */
  idempotent?: boolean;
  status?: 200 | 201;
  doc: ApiRouteDoc;
  run: (ctx: { db: Db; caller: ApiCaller; query: z.infer<Q>; params: z.infer<P>; body: z.infer<B>; req: Request }) => unknown | Promise<unknown>;
}

/** Bodies are JSON up to this size unless a route says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

class PayloadTooLarge extends Error {}

/** Reads a request body, refusing as soon as it passes `max` bytes (a declared Content-Length is checked first). */
async function readBody(req: Request, max: number): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) throw new PayloadTooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MB` : `${Math.round(n / 1024)} KB`);

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
export async function handleApi<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(
  db: Db,
  req: Request,
  rawParams: Record<string, string | string[]>,
  def: ApiRouteDef<Q, P, B>,
): Promise<Response> {
  try {
    const auth = authenticateApiToken(db, bearerToken(req.headers.get("authorization")), clock.now());
    if (!auth.ok) {
      const [type, detail] = AUTH_DETAIL[auth.reason];
      return problem(type, detail, { headers: { "www-authenticate": 'Bearer realm="clearline"' } });
    }
    const { caller } = auth;
    if (!hasScope(caller.scopes, def.scope))
      return problem("insufficient-scope", `This request needs the “${def.scope}” scope; the token has ${caller.scopes.join(", ") || "none"}.`);
    const rate = takeApiRate(caller.tokenId);
    if (!rate.allowed)
      return problem("rate-limited", `This token sent too many requests; try again in ${rate.retryAfterSeconds} s.`, {
        headers: { "retry-after": String(rate.retryAfterSeconds) },
      });
    const url = new URL(req.url);
    const q = queryObject(url);
    if ("duplicate" in q)
      return problem("validation-failed", `The query parameter “${q.duplicate}” is given twice.`, {
        errors: [{ field: `query.${q.duplicate}`, message: "Give it once." }],
      });
    const query = (def.query ?? z.strictObject({})).safeParse(q.value);
    if (!query.success) return problem("validation-failed", "Some query parameters are not valid.", { errors: fieldErrors(query.error, "query") });
    const params = (def.params ?? z.object({})).safeParse(rawParams);
    if (!params.success) return problem("validation-failed", "The path is not valid.", { errors: fieldErrors(params.error, "path") });
    let body: unknown = undefined;
    let bodyText = "";
    if (def.body) {
      const max = def.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      try {
        bodyText = await readBody(req, max);
      } catch (e) {
        if (e instanceof PayloadTooLarge) return problem("payload-too-large", `The request body is over ${sizeText(max)}; send fewer records per call.`);
        throw e;
      }
      if (!/^application\/(.+\+)?json\b/i.test(req.headers.get("content-type") ?? "")) {
        return problem("validation-failed", "Send the body as JSON (Content-Type: application/json).", {
          errors: [{ field: "body", message: "Content-Type must be application/json." }],
        });
      }
      let json: unknown;
      try {
        json = JSON.parse(bodyText);
      } catch {
        return problem("validation-failed", "The body is not valid JSON.", { errors: [{ field: "body", message: "Not valid JSON." }] });
      }
      if (def.maxItems) {
        const items = (json as Record<string, unknown> | null)?.[def.maxItems.field];
        if (Array.isArray(items) && items.length > def.maxItems.max) {
          return problem(
            "payload-too-large",
            `The request has ${items.length.toLocaleString("en-US")} ${def.maxItems.field}; at most ${def.maxItems.max.toLocaleString("en-US")} per call. Split it into several calls.`,
          );
        }
      }
      const at = controlCharacterPath(json);
      if (at) {
        const field = ["body", ...at].join(".");
        return problem("validation-failed", `The field ${field} ${CONTROL_CHARACTER_SENTENCE}`, {
          errors: [{ field, message: `This field ${CONTROL_CHARACTER_SENTENCE}` }],
        });
      }
      const parsed = def.body.safeParse(json);
      if (!parsed.success) return problem("validation-failed", "Some fields of the body are not valid.", { errors: fieldErrors(parsed.error, "body") });
      body = parsed.data;
    }
    // A POST waits for an import's open transaction to commit (decision 0041); a GET is answered during it.
    if (def.method !== "GET") await untilSliceWritersDone(db);
    const run = async () => def.run({ db, caller, query: query.data as z.infer<Q>, params: params.data as z.infer<P>, body: body as z.infer<B>, req });
    const status = def.status ?? 200;
    const key = def.idempotent ? req.headers.get("idempotency-key") : null;
    if (key === null) return json(status, await run());
    return await withIdempotencyKey(db, caller.tokenId, key, `${def.method} ${url.pathname}`, `${url.search}\n${bodyText}`, async () => ({
      status,
      body: await run(),
    }));
  } catch (thrown) {
    const e = busyAsAppError(thrown) ?? thrown;
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
          return problem("validation-failed", e.message, {
            errors: Object.entries(e.fieldErrors ?? {}).flatMap(([field, ms]) => ms.map((message) => ({ field, message }))),
          });
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

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...headers } });

/**
 * Idempotency-Key (the IETF httpapi draft's header, as Stripe uses it): the first request with a key runs and its
 * response is stored; the same key with the same request replays that response (header Idempotent-Replayed: true);
 * with another request it is a 409. A key whose first request is still running is a 409 too (retry later); one still
 * "running" after IDEMPOTENCY_STALE_MS (its process died) is taken over by the retry. Only
 * successful responses are kept: a refused request may be corrected and sent again with its key. Keys are kept 24 hours.
 */
async function withIdempotencyKey(
  db: Db,
  tokenId: number,
  key: string,
  route: string,
  request: string,
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<Response> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    return problem("validation-failed", "The Idempotency-Key header is 1 to 255 visible ASCII characters (a UUID is usual).", {
      errors: [{ field: "header.Idempotency-Key", message: "1 to 255 visible ASCII characters." }],
    });
  }
  const digest = crypto.createHash("sha256").update(`${route}\n${request}`).digest("hex");
  const claim = claimIdempotencyKey(db, tokenId, key, route, digest, clock.now());
  if (claim.kind === "replay")
    return new Response(claim.body, {
      status: claim.status,
      headers: { "content-type": "application/json", "cache-control": "no-store", "idempotent-replayed": "true" },
    });
  if (claim.kind === "other-request")
    return problem("idempotency-conflict", "This Idempotency-Key was used with another request in the last 24 hours: use a new key for a new request.");
  if (claim.kind === "running")
    return problem("idempotency-conflict", "A request with this Idempotency-Key is still being processed: retry in a moment.", {
      headers: { "retry-after": "5" },
    });
  let result: { status: number; body: unknown };
  try {
    result = await run();
  } catch (e) {
    // After the use case's awaits another import may hold the write lock: wait for it (decision 0048); should the
    // release still fail, the key expires on its own and the use case's own error is the answer.
    await whenWritable(db, () => releaseIdempotencyKey(db, claim.id)).catch(() => undefined);
    throw e;
  }
  const text = JSON.stringify(result.body);
  await whenWritable(db, () => storeIdempotentResponse(db, claim.id, result.status, text));
  return new Response(text, { status: result.status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
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
export function defineApiRoute<Q extends z.ZodType, P extends z.ZodType, B extends z.ZodType>(def: ApiRouteDef<Q, P, B>) {
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
