"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

function localLabel(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/**
 * When something was signed: UTC (what the record holds, the same for every reader and on the server's render) and,
 * once in the browser, the reader's local time beside it.
 */
export function SignedTime({ iso }: { iso: string }) {
  const local = useSyncExternalStore(
    noSubscription,
    () => localLabel(iso),
    () => null,
  );
  return (
    <>
      <time dateTime={iso}>{`${iso.replace("T", " ").slice(0, 16)} UTC`}</time>
      {local && <span className="text-slate-500"> ({local}, your time)</span>}
    </>
  );
}
