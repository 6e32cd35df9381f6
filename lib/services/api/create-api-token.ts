import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { writeTx, type Db } from "@/db/client";
import { apiTokens, sites } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { invalid } from "@/lib/errors";
import type { CreateApiTokenInput } from "@/lib/validation/api-tokens";
import { appendAudit } from "../audit/append-audit";
import { uniquely } from "../db-errors";

/** Longest a token may live: a year, so that a forgotten integration stops by itself. */
export const MAX_TOKEN_DAYS = 366;

/**
 * Creates a named service token with scopes, an expiry and optionally one site. Admin only. Returns the secret once:
 * only its SHA-256 is kept, so nobody — not an admin, not a database reader — can show it again.
 */
export function createApiToken(db: Db, actor: Actor, input: CreateApiTokenInput, now = clock.now()): { id: number; token: string; prefix: string } {
  assertCan(actor, "apiToken.manage");
  const today = now.toISOString().slice(0, 10);
  const latest = new Date(now.getTime() + MAX_TOKEN_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (input.expiresOn < today) throw invalid("The expiry date is in the past.", { expiresOn: ["Choose today or a later day."] });
  if (input.expiresOn > latest) throw invalid(`A token may live at most a year (until ${latest}).`, { expiresOn: [`Choose a day until ${latest}.`] });
  if (input.siteId !== null && !db.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId)).get())
    throw invalid("Choose a site of the organization.", { siteId: ["Unknown site."] });
  const prefix = crypto.randomBytes(4).toString("hex");
  const secret = crypto.randomBytes(32).toString("base64url");
  const at = now.toISOString();
  const scopes = [...new Set(input.scopes)].sort();
  const row = uniquely(
    () =>
      writeTx(db, (tx) => {
        const r = tx
          .insert(apiTokens)
          .values({
            name: input.name,
            prefix,
            secretSha256: sha256(secret),
            scopes: JSON.stringify(scopes),
            siteId: input.siteId,
            expiresOn: input.expiresOn,
            createdBy: actor.id,
            createdAt: at,
          })
          .returning()
          .get();
        appendAudit(tx, {
          actor,
          action: "API_TOKEN_CREATED",
          entityType: "api_token",
          entityId: r.id,
          newValues: { name: input.name, prefix, scopes, siteId: input.siteId, expiresOn: input.expiresOn },
          at: now,
        });
        return r;
      }),
    "A token with this name already exists.",
    "name",
  );
  return { id: row.id, prefix, token: `clt_${prefix}_${secret}` };
}

export const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");
