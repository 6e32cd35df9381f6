import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/auth/current";
import { can } from "@/lib/auth/permissions";
import { clock } from "@/lib/clock";
import { API_SCOPE_LABELS, API_SCOPES } from "@/lib/rules/api-token";
import { listApiTokens } from "@/lib/services/api/list-api-tokens";
import { listSites } from "@/lib/services/admin/list-org";
import { getDb } from "@/lib/server/db";
import { CreateApiTokenForm, RevokeApiTokenForm } from "@/components/admin/token-forms";
import { formatUtc } from "@/components/signatures/signature-list";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

const STATE = { active: ["good", "Active"], expired: ["warn", "Expired"], revoked: ["bad", "Revoked"] } as const;

export default async function ApiTokensPage() {
  const actor = await requirePageActor();
  if (!can(actor, "apiToken.manage")) notFound();
  const db = await getDb();
  const tokens = listApiTokens(db, actor);
  const sites = listSites(db, actor).filter((s) => !s.archivedAt);
  const in90 = new Date(clock.ms() + 90 * 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Service tokens for the integration API, used by a CMMS or a device-security platform. Each has scopes, an expiry and optionally one site; the secret
            is shown once. See the <Link href="/help/api">API reference</Link>.
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          {tokens.length === 0 ? (
            <p className="text-sm text-slate-600">No token yet.</p>
          ) : (
            <Table caption="API tokens">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Token</Th>
                  <Th>Scopes</Th>
                  <Th>Site</Th>
                  <Th>Expires</Th>
                  <Th>Last used</Th>
                  <Th>State</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <Td className="break-words">
                      {t.name}
                      <span className="block text-xs text-slate-600">
                        by {t.createdBy}, {formatUtc(t.createdAt)}
                      </span>
                    </Td>
                    <Td className="font-mono text-xs">clt_{t.prefix}_…</Td>
                    <Td>{t.scopes.join(", ")}</Td>
                    <Td>{t.site ?? "Every site"}</Td>
                    <Td className="whitespace-nowrap tabular-nums">{t.expiresOn}</Td>
                    <Td className="whitespace-nowrap">{t.lastUsedAt ? formatUtc(t.lastUsedAt) : "Never"}</Td>
                    <Td>
                      <Badge tone={STATE[t.state][0]}>{STATE[t.state][1]}</Badge>
                      {t.revokedAt && <span className="block text-xs text-slate-600">by {t.revokedBy}</span>}
                    </Td>
                    <Td>{t.state !== "revoked" && <RevokeApiTokenForm action={revokeApiTokenAction} id={t.id} name={t.name} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card title="New token">
          <CreateApiTokenForm
            action={createApiTokenAction}
            scopes={API_SCOPES.map((s) => ({ value: s, label: `${s} — ${API_SCOPE_LABELS[s]}` }))}
            sites={sites.map((s) => ({ value: String(s.id), label: s.name }))}
            defaultExpiry={in90}
          />
        </Card>
      </div>
    </>
  );
}
