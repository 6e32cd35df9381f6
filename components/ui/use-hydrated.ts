"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and while the page hydrates; true once React has taken over (and at once after a client-side
 * navigation). A form whose submit is handled in the browser keeps its button disabled until then: submitted before,
 * the browser would send it itself, as a GET to the page with every field — a password included — in the address.
 * A disabled default button also stops Enter from submitting (HTML's implicit submission).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
