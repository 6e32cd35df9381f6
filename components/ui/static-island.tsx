"use client";

import { useLayoutEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { registeredMarkup } from "./markup-registry";

/** Markup this browser tab already has, by id (an id names one markup, so it never goes stale); the newest 64. */
const seen = new Map<string, string>();
function remember(id: string, html: string) {
  seen.delete(id);
  seen.set(id, html);
  if (seen.size > 64) seen.delete(seen.keys().next().value!);
}

/**
 * A read-only part of a page written as markup made once per data version (static-markup.ts, decision 0045).
 *
 * - HTML render of a full document: `html` is absent; the markup is read from this process's registry by `id` and
 *   written once into the HTML (markup-registry.ts says why).
 * - Hydration: React does not compare or rewrite an element's inner HTML when hydrating it, so the server's markup
 *   stays while this renders an empty string; the markup is then remembered for this tab under its id.
 * - Client-side navigation and refresh: the payload carries `html`. Going back to a page restored from the router's
 *   cache (whose payload had only the id) uses the remembered markup; if even that is missing, the page is refetched.
 */
export function StaticIsland({ id, html, className, as: Tag = "div" }: { id: string; html?: string; className?: string; as?: "div" | "tbody" }) {
  const router = useRouter();
  const ref = useRef<HTMLElement>(null);
  const markup = html ?? (typeof window === "undefined" ? (registeredMarkup(id) ?? "") : (seen.get(id) ?? ""));
  useLayoutEffect(() => {
    if (html !== undefined) remember(id, html);
    else if (ref.current?.innerHTML) remember(id, ref.current.innerHTML);
    else router.refresh();
  }, [id, html, router]);
  return <Tag ref={ref as React.Ref<never>} className={className} dangerouslySetInnerHTML={{ __html: markup }} suppressHydrationWarning />;
}
