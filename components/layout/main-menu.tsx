"use client";

import { useEffect, useId, useState } from "react";
import { usePathname } from "next/navigation";

const LINK = "rounded-md px-3 py-1.5 text-sm font-medium no-underline hover:no-underline";
const ACTIVE = `${LINK} bg-brand-700 text-white`;
const IDLE = `${LINK} text-slate-700 hover:bg-slate-100`;

/** Which navigation entry the path belongs to: "/" only for itself, any other entry for itself and what is under it. */
export function isActive(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}

/**
 * The main navigation. On a narrow screen (below 768 px) it folds behind a "Menu" disclosure button, so the page
 * starts at the top of the screen instead of below 200 px of links; from 768 px on every link is shown. The menu
 * closes after a link is followed.
 *
 * The links are plain `<a>` elements: the app layout wraps the header in `SoftLinks`, which turns a plain click into
 * a client-side navigation. One next/link per entry (up to 17, each a client component run for every request's HTML)
 * was most of what the signed-in shell cost over a bare page (issue #15, decision 0044). The entry of the current
 * path carries aria-current="page" (WCAG 2.2 SC 1.3.1: the state is in the markup, not only in the colour).
 */
export function MainMenu({ items }: { items: { href: string; label: string }[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const path = usePathname();
  useEffect(() => {
    // Following a link closes the menu: the path is the external system this state follows.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setOpen(false);
  }, [path]);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 md:hidden"
      >
        {open ? "Close menu" : "Menu"}
      </button>
      <nav id={id} aria-label="Main" className={`w-full flex-wrap gap-1 md:flex md:w-auto md:flex-1 ${open ? "flex" : "hidden"}`}>
        {items.map((n) => {
          const active = isActive(n.href, path);
          return (
            <a key={n.href} href={n.href} aria-current={active ? "page" : undefined} className={active ? ACTIVE : IDLE}>
              {n.label}
            </a>
          );
        })}
      </nav>
    </>
  );
}
