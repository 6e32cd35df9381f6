import { AppError } from "@/lib/errors";

/** SQLite reports a UNIQUE violation as SQLITE_CONSTRAINT_UNIQUE; drizzle may wrap it in `cause`. */
export function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    if ((x as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  }
  return false;
}

/** Runs `fn`, turning a UNIQUE violation into a CONFLICT with a sentence naming what clashed. */
export function uniquely<T>(fn: () => T, message: string, field?: string): T {
  try {
    return fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", message, field ? { [field]: [message] } : undefined);
    throw e;
  }
}
