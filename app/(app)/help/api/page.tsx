import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/auth/current";
import { PROBLEMS } from "@/lib/server/api-route";
import { openApiDocument } from "@/lib/server/openapi";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

export const metadata: Metadata = { title: "API reference" };

interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string };
  example?: string;
}

/** The integration API's reference for people, read from the same OpenAPI document the server publishes. */
export default async function ApiReferencePage() {
  await requirePageActor();
  const doc = openApiDocument();
  const paths = Object.entries(doc.paths ?? {}) as [
    string,
    Record<
      string,
      {
        summary?: string;
        description?: string;
        parameters?: Param[];
        requestBody?: { content?: Record<string, { example?: unknown }> };
        responses?: Record<string, { description?: string }>;
      }
    >,
  ][];
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            The integration API for CMMS and device-security platforms. Send a service token from an administrator as <code>Authorization: Bearer clt_…</code>.
            Machine-readable: <Link href="/api/v1/openapi.json">/api/v1/openapi.json</Link> (OpenAPI 3.1).
          </>
        }
      />
      <div className="space-y-6">
        {paths.flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => (
            <Card key={`${method} ${path}`} title={<span className="break-all font-mono text-sm">{`${method.toUpperCase()} ${path}`}</span>}>
              <p className="text-sm font-medium">{op.summary}</p>
              <p className="mt-1 max-w-3xl text-sm text-slate-700">{op.description}</p>
              {op.parameters?.length ? (
                <Table caption={`Parameters of ${method.toUpperCase()} ${path}`} className="mt-3">
                  <thead>
                    <tr>
                      <Th>Name</Th>
                      <Th>In</Th>
                      <Th>Type</Th>
                      <Th>Meaning</Th>
                      <Th>Example</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={p.name}>
                        <Td className="font-mono text-xs">
                          {p.name}
                          {p.required ? " (required)" : ""}
                        </Td>
                        <Td>{p.in}</Td>
                        <Td>{p.schema?.type ?? "—"}</Td>
                        <Td>{p.description ?? ""}</Td>
                        <Td className="font-mono text-xs">{p.example ?? ""}</Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              ) : null}
              {op.requestBody?.content?.["application/json"]?.example !== undefined ? (
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2">
                    Example body
                  </summary>
                  <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs" aria-label={`Example body of ${method.toUpperCase()} ${path}`}>
                    {JSON.stringify(op.requestBody.content["application/json"].example, null, 2)}
                  </pre>
                </details>
              ) : null}
              <p className="mt-3 text-sm text-slate-700">
                Answers:{" "}
                {Object.entries(op.responses ?? {})
                  .map(([code, r]) => `${code} ${r.description ?? ""}`.trim())
                  .join(" · ")}
              </p>
            </Card>
          )),
        )}
        <Card title={<span id="errors">Errors</span>}>
          <p className="mb-2 text-sm text-slate-700">
            Every error is <code>application/problem+json</code> (RFC 9457). Branch on <code>type</code>; <code>detail</code> is a sentence for people.
          </p>
          <Table caption="Problem types">
            <thead>
              <tr>
                <Th>type</Th>
                <Th>Status</Th>
                <Th>Meaning</Th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(PROBLEMS).map(([k, p]) => (
                <tr key={k} id={k}>
                  <Td className="font-mono text-xs">/api/v1/problems#{k}</Td>
                  <Td>{p.status}</Td>
                  <Td>{p.title}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </>
  );
}
