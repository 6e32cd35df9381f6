import { headers } from "next/headers";
import type { StaticMarkup } from "./static-markup";
import { StaticIsland } from "./static-island";

/**
 * A part of a server-rendered page sent as markup made once per data version (decision 0045): only its id when the
 * request is for a whole document, whose HTML render reads the markup from this process (markup-registry.ts); the
 * markup itself otherwise (client-side navigation, refresh and server actions ask for the RSC payload alone).
 */
export async function StaticPart({ markup, className, as }: { markup: StaticMarkup; className?: string; as?: "div" | "tbody" }) {
  return <StaticIsland id={markup.id} html={(await isDocumentRequest()) ? undefined : markup.html} className={className} as={as} />;
}

/**
 * Whether this request is rendered to HTML. Next hides its own RSC request headers from `headers()`, so this reads
 * what browsers send: a document request accepts text/html, while the router's payload fetches (which accept any type) and
 * server actions (Accept: text/x-component) do not. Wrongly "no" only costs bytes (the markup travels in the payload
 * too); a payload request never says text/html.
 */
export async function isDocumentRequest(): Promise<boolean> {
  return ((await headers()).get("accept") ?? "").includes("text/html");
}
