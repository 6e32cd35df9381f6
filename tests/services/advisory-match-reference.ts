// The matcher's write path as it was before issue #13's performance work (commit 93bb142): the plan goes through a
// temporary table and INSERT … SELECT … ON CONFLICT joins it to the devices; the rows no longer produced are deleted
// or superseded by NOT EXISTS. Kept only so advisory-match-equivalence.test.ts can check that the in-memory diff of
// lib/services/advisories/match-advisories.ts writes exactly the same rows and reports the same counts.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { planAdvisoryMatches, type AdvisoryMatchCounts, type MatchContext } from "@/lib/services/advisories/match-advisories";
import { appendAudit } from "@/lib/services/audit/append-audit";

const AFFECTED_STATUSES = sql`('known_affected', 'first_affected', 'last_affected')`;

export function referenceRematchAdvisory(tx: Tx, ctx: MatchContext, advisoryId: number, now: Date): AdvisoryMatchCounts {
  const at = now.toISOString();
  const products = tx
    .all<{ id: number; vendor: string; productName: string; versionText: string | null; affected: number }>(
      sql`
    select p.id, p.vendor, p.product_name as productName, p.version_text as versionText,
      exists (select 1 from vulnerability_product_status s where s.product_id = p.id and s.status in ${AFFECTED_STATUSES}) as affected
    from advisory_products p
    where p.advisory_id = ${advisoryId} and p.removed_in_version is null
    order by p.id`,
    )
    .map((p) => ({ ...p, affected: p.affected === 1 }));
  const plan = planAdvisoryMatches(ctx, products);

  tx.run(
    sql`create temp table if not exists match_plan (model_id integer not null, version text not null, product_id integer not null, confidence text not null, reason text not null, primary key (model_id, version))`,
  );
  tx.run(sql`delete from temp.match_plan`);
  for (let i = 0; i < plan.length; i += 150) {
    const rows = plan.slice(i, i + 150).map((p) => sql`(${p.modelId}, ${p.version}, ${p.verdict.productId}, ${p.verdict.confidence}, ${p.verdict.reason})`);
    tx.run(sql`insert into temp.match_plan (model_id, version, product_id, confidence, reason) values ${sql.join(rows, sql`, `)}`);
  }
  const written = tx.run(sql`
    insert into advisory_device_matches (advisory_id, product_id, device_id, model_id, confidence, reason, matched_at)
    select ${advisoryId}, p.product_id, d.id, d.model_id, p.confidence, p.reason, ${at}
    from temp.match_plan p cross join devices d
    where d.model_id = p.model_id and coalesce(trim(d.software_version), '') = p.version and d.status <> 'retired'
    on conflict (advisory_id, device_id) do update set
      product_id = excluded.product_id, model_id = excluded.model_id, confidence = excluded.confidence, reason = excluded.reason,
      matched_at = excluded.matched_at, superseded_at = null
    where advisory_device_matches.product_id <> excluded.product_id or advisory_device_matches.model_id is not excluded.model_id
      or advisory_device_matches.confidence <> excluded.confidence or advisory_device_matches.reason <> excluded.reason
      or advisory_device_matches.superseded_at is not null`).changes;
  const stillProduced = sql`exists (select 1 from devices d join temp.match_plan p on p.model_id = d.model_id and p.version = coalesce(trim(d.software_version), '')
    where d.id = advisory_device_matches.device_id and d.status <> 'retired')`;
  const removed = tx.run(
    sql`delete from advisory_device_matches where advisory_id = ${advisoryId} and review_decision is null and not ${stillProduced}`,
  ).changes;
  const superseded = tx.run(
    sql`update advisory_device_matches set superseded_at = ${at} where advisory_id = ${advisoryId} and review_decision is not null and superseded_at is null and not ${stillProduced}`,
  ).changes;
  tx.run(sql`delete from temp.match_plan`);
  const matched =
    tx.get<{ n: number }>(sql`select count(*) as n from advisory_device_matches where advisory_id = ${advisoryId} and superseded_at is null`)?.n ?? 0;
  const counts = { advisoryId, matched, written, removed, superseded };
  if (written + removed + superseded > 0) {
    appendAudit(tx, { actor: null, action: "ADVISORY_MATCHES_DERIVED", entityType: "advisory", entityId: advisoryId, newValues: counts, at: now });
  }
  return counts;
}
