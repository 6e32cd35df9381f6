import "server-only";
import crypto from "node:crypto";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getAccountSession, getCurrentSession } from "@/lib/auth/current";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, EXPIRED_MESSAGE, busyAsAppError, invalid } from "@/lib/errors";
import { getWritableDb } from "./db";
import { installZodMessages } from "@/lib/validation/zod-messages";
import { CONTROL_CHARACTER_SENTENCE, controlCharacterPath } from "@/lib/validation/control-characters";

// Sentences instead of zod's library text for checks without a message of their own.
installZodMessages();

export type ActionState<T = unknown> =
  null | { ok: true; message?: string; data?: T } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]>; expired?: boolean };

export interface ActionContext {
  db: Db;
  actor: Actor;
}

type Input = FormData | Record<string, unknown>;

/**
 * The one door for server actions: refuses a missing, `null` or foreign Origin; resolves the session
 * (expired → says so); parses input once with a strict zod schema; runs the use case (which checks
 * permission itself); maps AppError to a sentence and anything else to "Something went wrong (ref …)".
 */
export function defineAction<S extends z.ZodType, R>(opts: {
  schema: S;
  run: (ctx: ActionContext, input: z.infer<S>) => R | Promise<R>;
  message?: string | ((result: R) => string);
}): (prev: ActionState<R>, input: Input) => Promise<ActionState<R>> {
  return async (_prev, raw) => {
    try {
      if (!(await sameOrigin())) return { ok: false, formError: "This request did not come from Clearline's own pages and was refused." };
      const session = await getCurrentSession();
      if (!session.actor) return { ok: false, expired: true, formError: EXPIRED_MESSAGE };
      const parsed = opts.schema.safeParse(actionInput(raw));
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        return {
          ok: false,
          formError: flat.formErrors[0] ?? "Some fields need attention.",
          fieldErrors: flat.fieldErrors as Record<string, string[]>,
        };
      }
      const result = await opts.run({ db: await getWritableDb(), actor: session.actor }, parsed.data);
      revalidatePath("/", "layout");
      const message = typeof opts.message === "function" ? opts.message(result) : opts.message;
      return { ok: true, message, data: result };
    } catch (e) {
      unstable_rethrow(e);
      return errorState(e);
    }
  };
}

/**
 * The door for the account security page's own actions (replace one's password, enrol an authenticator): like
 * defineAction, but a restricted session (lib/rules/mfa.ts, "must change password / enrol MFA") is let through, since
 * these actions are how it becomes unrestricted. Everything else still refuses such a session.
 */
export function defineAccountAction<S extends z.ZodType, R>(opts: {
  schema: S;
  run: (ctx: ActionContext & { sessionId: string }, input: z.infer<S>) => R | Promise<R>;
  message?: string | ((result: R) => string);
  /** false: the page is not re-rendered (enrolment shows recovery codes once; a refresh would replace them). */
  revalidate?: boolean;
}): (prev: ActionState<R>, input: Input) => Promise<ActionState<R>> {
  return async (_prev, raw) => {
    try {
      if (!(await sameOrigin())) return { ok: false, formError: "This request did not come from Clearline's own pages and was refused." };
      const session = await getAccountSession();
      if (!session.actor) return { ok: false, expired: true, formError: EXPIRED_MESSAGE };
      const parsed = opts.schema.safeParse(actionInput(raw));
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        return { ok: false, formError: flat.formErrors[0] ?? "Some fields need attention.", fieldErrors: flat.fieldErrors as Record<string, string[]> };
      }
      const result = await opts.run({ db: await getWritableDb(), actor: session.actor, sessionId: session.sessionId }, parsed.data);
      if (opts.revalidate !== false) revalidatePath("/", "layout");
      const message = typeof opts.message === "function" ? opts.message(result) : opts.message;
      return { ok: true, message, data: result };
    } catch (e) {
      unstable_rethrow(e);
      return errorState(e);
    }
  };
}

/**
 * The same door for the rare action that runs without a session (first-run set-up). Origin is still
 * checked and input still parsed strictly; the use case decides whether it may run.
 */
export function definePublicAction<S extends z.ZodType, R>(opts: {
  schema: S;
  run: (ctx: { db: Db }, input: z.infer<S>) => R | Promise<R>;
  message?: string;
}): (prev: ActionState<R>, input: Input) => Promise<ActionState<R>> {
  return async (_prev, raw) => {
    try {
      if (!(await sameOrigin())) return { ok: false, formError: "This request did not come from Clearline's own pages and was refused." };
      const parsed = opts.schema.safeParse(actionInput(raw));
      if (!parsed.success) {
        const flat = z.flattenError(parsed.error);
        return { ok: false, formError: flat.formErrors[0] ?? "Some fields need attention.", fieldErrors: flat.fieldErrors as Record<string, string[]> };
      }
      const result = await opts.run({ db: await getWritableDb() }, parsed.data);
      return { ok: true, message: opts.message, data: result };
    } catch (e) {
      unstable_rethrow(e);
      return errorState(e);
    }
  };
}

export function errorState(thrown: unknown): Extract<ActionState, { ok: false }> {
  const e = busyAsAppError(thrown) ?? thrown;
  if (e instanceof AppError) {
    if (e.code === "UNAUTHENTICATED") return { ok: false, expired: true, formError: e.message };
    return { ok: false, formError: e.message, fieldErrors: e.fieldErrors };
  }
  const ref = crypto.randomBytes(3).toString("hex").toUpperCase();
  console.error(`[clearline] unexpected error ref ${ref}`, e);
  return { ok: false, formError: `Something went wrong (ref ${ref}). Nothing was saved.` };
}

/** Server actions must come from our own origin (CSRF defence on top of SameSite cookies). */
export async function sameOrigin(): Promise<boolean> {
  const h = await headers();
  return isSameOrigin(h.get("origin"), h.get("x-forwarded-host") ?? h.get("host"));
}

export function isSameOrigin(origin: string | null, host: string | null): boolean {
  if (!origin || origin === "null" || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Keys that would reach an object's prototype instead of a field: refused, never silently dropped. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Input as the schema sees it, refusing what no form of ours sends (issue #10, finding 20): a field named
 * `__proto__` (an assignment to it would vanish or reach the prototype, so a strict schema never saw it), NUL
 * characters in text (stored, they truncate or break other systems), and control characters in an upload's name.
 */
export function actionInput(raw: Input): Record<string, unknown> {
  const out = raw instanceof FormData ? formDataToObject(raw) : raw;
  if (out === null || typeof out !== "object" || Array.isArray(out)) throw invalid("This request's content could not be read. Reload the page and try again.");
  assertStorable(out, 0);
  const at = controlCharacterPath(out);
  if (at) {
    const field = String(at[0]);
    throw invalid(`A field ${CONTROL_CHARACTER_SENTENCE}`, { [field]: [`This field ${CONTROL_CHARACTER_SENTENCE}`] });
  }
  return out;
}

function assertStorable(value: unknown, depth: number): void {
  if (depth > 8) throw invalid("This request's content is nested too deeply.");
  if (typeof value === "string") {
    if (value.includes("\0")) throw invalid("A field contains a NUL character, which cannot be stored. Remove it and try again.");
  } else if (typeof File !== "undefined" && value instanceof File) {
    if (/[\u0000-\u001f\u007f]/.test(value.name))
      throw invalid("The file's name contains a line break or another control character. Rename the file and try again.");
  } else if (Array.isArray(value)) {
    for (const v of value) assertStorable(v, depth + 1);
  } else if (value !== null && typeof value === "object") {
    for (const k of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(k)) throw invalid(`This request has a field named "${k}", which is not accepted.`);
      if (k.includes("\0")) throw invalid("A field name contains a NUL character, which is not accepted.");
      assertStorable((value as Record<string, unknown>)[k], depth + 1);
    }
  }
}

/** FormData → plain object. Repeated keys and keys ending in [] become arrays; Next's $ACTION keys are dropped. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  // No prototype: a key "__proto__" becomes an ordinary own key, which actionInput then refuses by name.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    const value = typeof v === "string" ? v : v;
    if (k.endsWith("[]")) {
      const key = k.slice(0, -2);
      out[key] = [...((out[key] as unknown[]) ?? []), value];
    } else if (k in out) {
      out[k] = Array.isArray(out[k]) ? [...(out[k] as unknown[]), value] : [out[k], value];
    } else {
      out[k] = value;
    }
  }
  return out;
}
