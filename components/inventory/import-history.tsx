import { Table, Td, Th } from "@/components/ui/table";
import { SignedTime } from "@/components/ui/signed-time";
import type { listImports } from "@/lib/services/inventory/list-imports";
import { FieldChangeList } from "./field-change-list";

type Row = ReturnType<typeof listImports>[number];

/** Who imported what and when, with the file's SHA-256, the mapping profile, the counts and the list of changes. */
export function ImportHistory({ imports }: { imports: Row[] }) {
  if (imports.length === 0) return <p className="text-sm text-slate-600">No import yet.</p>;
  return (
    <Table caption="Import history">
      <thead>
        <tr>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>File</Th>
          <Th>CMMS and mapping</Th>
          <Th>New</Th>
          <Th>Changed</Th>
          <Th>Unchanged</Th>
          <Th>Retired</Th>
          <Th>Row errors</Th>
          <Th>What changed</Th>
        </tr>
      </thead>
      <tbody>
        {imports.map((i) => (
          <tr key={i.id}>
            <Td>
              <SignedTime iso={i.at} />
            </Td>
            <Td>{i.actorLabel.replace(/ <.*>$/, "")}</Td>
            <Td>
              {i.fileName}
              <span className="block break-all text-xs text-slate-500">SHA-256 {i.sha256}</span>
            </Td>
            <Td>
              {i.source}
              {i.profile ? <span className="block text-xs text-slate-500">{i.profile}</span> : null}
              {i.fullExport ? <span className="block text-xs text-slate-500">full export</span> : null}
            </Td>
            <Td>{i.createdCount}</Td>
            <Td>{i.changedCount}</Td>
            <Td>{i.unchangedCount}</Td>
            <Td>{i.retiredCount}</Td>
            <Td>{i.errorCount}</Td>
            <Td>
              <details>
                <summary className="cursor-pointer text-sm">{i.changes.length} listed</summary>
                <ul className="mt-1 max-h-60 overflow-auto text-sm">
                  {i.changes.slice(0, 200).map((c, k) => (
                    <li key={k}>
                      {c.assetTag} — {c.kind}
                      {c.kind === "changed" && <FieldChangeList changes={c.fields} />}
                    </li>
                  ))}
                </ul>
              </details>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
