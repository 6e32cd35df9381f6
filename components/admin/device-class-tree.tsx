import Link from "next/link";
import type { TreeNode } from "@/lib/rules/device-class-tree";
import { Badge } from "@/components/ui/badge";
import { CRITICALITY_LABELS } from "./labels";

type Row = {
  id: number;
  parentId: number | null;
  name: string;
  regulated: "yes" | "no" | "borderline";
  fdaClass: string | null;
  lifeSustaining: boolean;
  storesPhi: boolean;
  remoteVendorAccess: boolean;
  criticality: keyof typeof CRITICALITY_LABELS;
  archivedAt: string | null;
};

/** The device class tree as nested lists; attributes are words, not colors. */
export function DeviceClassTree({ roots }: { roots: TreeNode<Row>[] }) {
  if (roots.length === 0) return <p className="text-sm text-slate-600">No device classes yet.</p>;
  return (
    <ul aria-label="Device classes" className="space-y-1">
      {roots.map((n) => (
        <Node key={n.id} node={n} />
      ))}
    </ul>
  );
}

function Node({ node }: { node: TreeNode<Row> }) {
  return (
    <li>
      <div className="flex flex-wrap items-center gap-2 py-0.5">
        <Link href={`/organization/device-classes/${node.id}`} className="font-medium">
          {node.name}
        </Link>
        {node.archivedAt && <Badge>Archived</Badge>}
        {node.regulated === "borderline" && <Badge tone="warn">Borderline device</Badge>}
        {node.regulated === "no" && <Badge>Not a medical device</Badge>}
        {node.fdaClass && <Badge>FDA class {node.fdaClass}</Badge>}
        {node.lifeSustaining && <Badge tone="bad">Life-sustaining</Badge>}
        {node.storesPhi && <Badge tone="info">PHI</Badge>}
        {node.remoteVendorAccess && <Badge tone="warn">Remote vendor access</Badge>}
        <span className="text-xs text-slate-500">Criticality: {CRITICALITY_LABELS[node.criticality]}</span>
      </div>
      {node.children.length > 0 && (
        <ul className="ml-5 space-y-1 border-l border-slate-200 pl-4">
          {node.children.map((c) => (
            <Node key={c.id} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}
