import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { parseId, parseQuery, type ParsedQuery, type QueryParam } from "@/lib/validation/query";

/**
 * The typed route boundary: every path segment and query parameter a page reads is parsed here, one helper per
 * kind (id, date, enum, page, flag, text), and "load or 404" is written once. A malformed path segment is a 404
 * (the record cannot exist); a malformed query parameter is ignored and named in a sentence the page shows above
 * its content, so `/audit?to=2026-99-99` answers the audit page with "To date 2026-99-99 is not a date on the
 * calendar", never a 500.
 */

/** A path segment that must be a record id; anything else is a 404 (no such record can exist). */
export function pathId(raw: unknown): number {
  const n = parseId(raw);
  if (n == null) notFound();
  return n;
}

/**
 * Runs a service read and turns "not found" into the area's 404 page. A read outside the actor's reach is also
 * a 404 (STYLE.md: a read outside scope answers "not found", not "forbidden"). Anything else propagates.
 */
export function loadOr404<T>(load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
}

/** The same for an async read. */
export async function loadOr404Async<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
}

export { parseQuery, q } from "@/lib/validation/query";

/** For route handlers: a query parameter that must be valid, else a 400 with the sentence. */
export function requireQuery<S extends Record<string, QueryParam<unknown>>>(shape: S, params: URLSearchParams): ParsedQuery<S> {
  const { query, problems } = parseQuery(shape, params);
  if (problems.length) throw new AppError("VALIDATION", problems.join(" "));
  return query;
}
