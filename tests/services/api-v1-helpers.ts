/** Shared by the /api/v1 service tests: a fresh demo, a token, a call through the one door, a digest of every table. */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import type { ApiScope } from "@/lib/rules/api-token";
import { handleApi, type ApiRouteDef } from "@/lib/server/api-route";
import { createApiToken } from "@/lib/services/api/create-api-token";
import { loadActor } from "@/lib/services/auth/load-actor";
import { demoDb } from "../test-db";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = ApiRouteDef<any, any, any>;
export type Req = { query?: Record<string, string>; params?: Record<string, string>; body?: unknown; headers?: Record<string, string> };

/** A fresh copy of the demo organization (seeded once per file, deserialized per test: tests/test-db.ts). */
export async function fresh(): Promise<{ db: Db; sqlite: Database.Database; admin: Actor }> {
  const { db, sqlite } = await demoDb();
  const adminUser = db
    .select()
    .from(users)
    .all()
    .find((u) => u.email.startsWith("admin@"))!;
  const { active: _a, ...admin } = loadActor(db, adminUser.id)!;
  return { db, sqlite, admin };
}

export const inDays = (n: number) => new Date(clock.ms() + n * 86_400_000).toISOString().slice(0, 10);
export const one = <T>(sqlite: Database.Database, sql: string, ...args: unknown[]) => sqlite.prepare(sql).get(...args) as T;

export function digest(sqlite: Database.Database): string {
  const h = crypto.createHash("sha256");
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  for (const { name } of tables) {
    // A token's last-used time is bookkeeping of the door (written at most once a minute), not data a refusal changed.
    const cols = (sqlite.prepare(`pragma table_info("${name}")`).all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !(name === "api_tokens" && c === "last_used_at"));
    h.update(name).update(
      JSON.stringify(
        sqlite
          .prepare(`select ${cols.map((c) => `"${c}"`).join(", ")} from "${name}" order by rowid`)
          .raw()
          .all(),
      ),
    );
  }
  return h.digest("hex");
}

export function urlOf(route: AnyRoute, req: Req): string {
  const p = route.path.replace(/\{(\w+)\}/g, (_m: string, k: string) => encodeURIComponent(req.params?.[k] ?? ""));
  const qs = new URLSearchParams(req.query ?? {}).toString();
  return `http://clearline.test${p}${qs ? `?${qs}` : ""}`;
}

export async function call(db: Db, route: AnyRoute, token: string | null, req: Req = {}) {
  const headers: Record<string, string> = { ...req.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === "string" ? req.body : JSON.stringify(req.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await handleApi(db, new Request(urlOf(route, req), { method: route.method, headers, body }), req.params ?? {}, route);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: JSON.parse(text) as Record<string, unknown> & { type?: string; errors?: { field: string; message: string }[] },
  };
}

export function token(db: Db, admin: Actor, scopes: ApiScope[], siteId: number | null = null): string {
  return createApiToken(db, admin, { name: `t ${crypto.randomBytes(4).toString("hex")}`, scopes, siteId, expiresOn: inDays(30) }).token;
}
