import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeTx } from "@/db/client";
import { deviceEvents, devices } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { isFormulaText, parseHostname, parseIp, parseMac } from "@/lib/rules/inventory-import";
import { hasControlCharacter } from "@/lib/rules/visible-text";
import { appendAudit, diffFields } from "@/lib/services/audit/append-audit";
import type { UpdateDeviceInput } from "@/lib/validation/inventory";
import { clock } from "@/lib/clock";
import { assertCan, assertInSiteScope } from "@/lib/auth/permissions";
import { deviceEditRights } from "./access";
import { matchAdvisories } from "../advisories/match-advisories";

const DEVICE_FIELDS = ["serialNumber", "location", "status", "storesPhi", "softwareVersion"] as const;
const NETWORK_FIELDS = ["connected", "hostname", "ipAddress", "macAddress", "osName", "osVersion"] as const;

/**
 * Edits a device: its facts (Clinical Engineering lead, admins) or its network facts (also the IT Infrastructure
 * lead). The change, its device-history entry (old and new values, work order) and its audit row commit together.
 * Nothing changed: nothing written.
 */
export function updateDevice(db: Db, actor: Actor, input: UpdateDeviceInput): { changed: string[] } {
  assertCan(actor, "inventory.read");
  const rights = deviceEditRights(db, actor);
  if (input.part === "device" ? !rights.all : !rights.network) throw forbidden();
  const fields = input.part === "device" ? DEVICE_FIELDS : NETWORK_FIELDS;
  const next: Record<string, unknown> = {};
  for (const f of fields) if (input[f] !== undefined) next[f] = input[f];
  // The same checks as an import's row: a value cannot be refused through one door and kept through another.
  for (const [f, v] of Object.entries({ ...next, workOrder: input.workOrder })) {
    if (typeof v !== "string") continue;
    if (hasControlCharacter(v))
      throw invalid("The value holds control characters (invisible bytes such as NUL): type it as plain text.", { [f]: ["Control characters."] });
    if (isFormulaText(v)) throw invalid(`"${v.slice(0, 40)}" looks like a spreadsheet formula: type the value itself.`, { [f]: ["A formula, not a value."] });
  }
  if (typeof next.hostname === "string" && !parseHostname(next.hostname)) {
    throw invalid(`"${next.hostname}" is not a host name (letters, digits, hyphens and dots).`, { hostname: ["Not a host name."] });
  }
  if (typeof next.ipAddress === "string") {
    const ip = parseIp(next.ipAddress);
    if (!ip) throw invalid(`"${next.ipAddress}" is not an IP address.`, { ipAddress: ["Not an IP address."] });
    next.ipAddress = ip;
  }
  if (typeof next.macAddress === "string") {
    const mac = parseMac(next.macAddress);
    if (!mac) throw invalid(`"${next.macAddress}" is not a MAC address (six pairs of hex digits).`, { macAddress: ["Not a MAC address."] });
    next.macAddress = mac;
  }
  if (typeof next.hostname === "string") next.hostname = next.hostname.toLowerCase();
  const now = clock.now();
  const at = now.toISOString();
  const result = writeTx(db, (tx) => {
    const d = tx.select().from(devices).where(eq(devices.id, input.id)).get();
    if (d) assertInSiteScope(actor, d.siteId, "device");
    if (!d) throw notFound("device");
    const diff = diffFields(d as unknown as Record<string, unknown>, next);
    const changed = Object.keys(diff.new);
    if (changed.length === 0) return { changed };
    tx.update(devices)
      .set({ ...diff.new, updatedAt: at })
      .where(eq(devices.id, d.id))
      .run();
    const changes = Object.fromEntries(changed.map((k) => [k, { old: diff.old[k] ?? null, new: diff.new[k] ?? null }]));
    tx.insert(deviceEvents)
      .values({
        deviceId: d.id,
        at,
        actorId: actor.id,
        actorLabel: `${actor.name} <${actor.email}>`,
        kind: "changed",
        changes: JSON.stringify(changes),
        workOrder: input.workOrder ?? null,
      })
      .run();
    appendAudit(tx, {
      actor,
      action: input.part === "device" ? "DEVICE_UPDATED" : "DEVICE_NETWORK_UPDATED",
      entityType: "device",
      entityId: d.id,
      oldValues: diff.old,
      newValues: { ...diff.new, workOrder: input.workOrder ?? undefined },
      at: now,
    });
    return { changed };
  });
  // A new software version or status changes which advisories reach this device (issue #13): only it is re-matched.
  if (result.changed.some((f) => f === "softwareVersion" || f === "status")) matchAdvisories(db, { scope: { deviceIds: [input.id] } }, now);
  return result;
}
