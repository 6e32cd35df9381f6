"use client";

import { useRouter } from "next/navigation";

/**
 * Client-side navigation for the plain `<a href>` links inside a long server-rendered region, with one click handler
 * on the region instead of one next/link client component per link. A dashboard renders ~300 links: each next/link
 * is a client component that React runs once for the RSC payload and again for the HTML, ~5 % of the page's server
 * time (issue #15, docs/benchmark.md). The links stay real links: they work without JavaScript, open in a new tab
 * with a modifier key or the context menu, and are announced and focused as links. What is lost is next/link's
 * prefetch, which for these dynamic pages (no loading.tsx) fetches nothing the click would not fetch anyway.
 */
export function SoftLinks({ children, className }: { children: React.ReactNode; className?: string }) {
  const router = useRouter();
  function onClick(e: React.MouseEvent<HTMLDivElement>) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest("a") : null;
    if (!a || !a.href || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
    const url = new URL(a.href);
    // Other origins, files and exports (route handlers answer documents, not pages) and in-page anchors are the browser's.
    if (url.origin !== window.location.origin || url.pathname.startsWith("/api/")) return;
    if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
    e.preventDefault();
    router.push(`${url.pathname}${url.search}${url.hash}`);
  }
  return (
    // The links inside are the interactive elements; this only delegates their clicks (and Enter on them) to the router.
    <div className={className} onClick={onClick}>
      {children}
    </div>
  );
}
