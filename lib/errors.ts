/**
 * Error codes a service may throw. The action/route wrapper turns each into a sentence for the user:
 * - NOT_FOUND: the record does not exist or is outside the actor's reach (never "forbidden" for reads);
 * - FORBIDDEN: the actor's role does not allow the action;
 * - CONFLICT: someone else changed the record first, or a uniqueness rule was hit;
 * - INVALID_STATE: the record's state does not allow this now;
 * - VALIDATION: the input breaks a rule (fieldErrors name the fields);
 * - UNAUTHENTICATED: no valid session;
 * - RATE_LIMITED: too many attempts.
 */
export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID_STATE" | "VALIDATION" | "UNAUTHENTICATED" | "RATE_LIMITED";

export const FORBIDDEN_MESSAGE = "You don't have permission to do this.";
export const EXPIRED_MESSAGE = "Your session expired. Sign in again.";

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "record") => new AppError("NOT_FOUND", `This ${what} was not found.`);
export const forbidden = () => new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) => new AppError("VALIDATION", message, fieldErrors);

/** What other writers are told while an import's transaction is open on its own connection (decision 0041). */
export const IMPORT_WRITING_MESSAGE = "An import is being written; try again in a moment.";

/**
 * SQLite's "database is locked" (SQLITE_BUSY) as a sentence the person can act on, or null for any other error. The
 * server's connection fails fast while an import holds the write lock (decision 0041), so a write that is not behind
 * writeTx's own check still becomes a 409 with this sentence rather than a 500.
 */
export function busyAsAppError(e: unknown): AppError | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY") ? new AppError("CONFLICT", IMPORT_WRITING_MESSAGE) : null;
}

/**
 * A bookkeeping write (a session's last-seen time, a token's last use) that is skipped, not failed, while an import's
 * transaction holds the write lock (decision 0041): it must not turn a page view or an API read into an error.
 */
export function unlessBusy(write: () => unknown): void {
  try {
    write();
  } catch (e) {
    if (!busyAsAppError(e)) throw e;
  }
}
