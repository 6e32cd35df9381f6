import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deviceClasses, deviceModels, devices, manufacturers } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

export interface FoundDevice {
  id: number;
  assetTag: string;
  label: string;
  deviceClass: { id: number; name: string } | null;
}

/**
 * The one device an asset tag, serial number, hostname or IP address names ("Who owns this?" from a device).
 * Asset tags win over the other identifiers; several devices sharing a serial or an IP is a sentence asking for the
 * asset tag. Retired devices are found too (a recall can concern one).
 */
export function findDevice(db: Db, actor: Actor, term: string): FoundDevice {
  assertCan(actor, "inventory.read");
  const q = term.trim();
  if (!q || q.length > 200) throw new AppError("VALIDATION", "Enter an asset tag, serial number, hostname or IP address.");
  const base = db
    .select({
      id: devices.id,
      assetTag: devices.assetTag,
      maker: manufacturers.name,
      model: deviceModels.name,
      classId: deviceClasses.id,
      className: deviceClasses.name,
    })
    .from(devices)
    .leftJoin(manufacturers, eq(manufacturers.id, devices.manufacturerId))
    .leftJoin(deviceModels, eq(deviceModels.id, devices.modelId))
    .leftJoin(deviceClasses, eq(deviceClasses.id, deviceModels.deviceClassId));
  // A user limited to one site finds only that site's devices.
  const inScope = actor.siteId != null ? eq(devices.siteId, actor.siteId) : undefined;
  let rows = base
    .where(and(or(eq(devices.assetTag, q), eq(devices.assetTag, q.toUpperCase())), inScope))
    .limit(2)
    .all();
  if (rows.length === 0)
    rows = base
      .where(and(or(eq(devices.serialNumber, q), eq(devices.hostname, q), eq(devices.hostname, q.toLowerCase()), eq(devices.ipAddress, q)), inScope))
      .orderBy(sql`${devices.status} = 'retired'`, devices.assetTag)
      .limit(6)
      .all();
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No device has the asset tag, serial number, hostname or IP address "${q}".`);
  if (rows.length > 1)
    throw new AppError(
      "VALIDATION",
      `"${q}" matches ${rows.length > 5 ? "more than five" : rows.length} devices (${rows
        .slice(0, 5)
        .map((r) => r.assetTag)
        .join(", ")}): enter the asset tag.`,
    );
  const r = rows[0]!;
  return {
    id: r.id,
    assetTag: r.assetTag,
    label: [r.maker, r.model].filter(Boolean).join(" ") || "unknown model",
    deviceClass: r.classId ? { id: r.classId, name: r.className! } : null,
  };
}
