"use client";

import { useEffect, useId, useState } from "react";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { NavLink } from "./nav-link";

/**
 * The main navigation. On a narrow screen (below 768 px) it folds behind a "Menu" disclosure button, so the page
 * starts at the top of the screen instead of below 200 px of links; from 768 px on every link is shown. The menu
 * closes after a link is followed.
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
      <nav id={id} aria-label="Main" className={cn("w-full flex-wrap gap-1 md:flex md:w-auto md:flex-1", open ? "flex" : "hidden")}>
        {items.map((n) => (
          <NavLink key={n.href} href={n.href}>
            {n.label}
          </NavLink>
        ))}
      </nav>
    </>
  );
}
