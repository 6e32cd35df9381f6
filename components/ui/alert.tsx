import { cn } from "./cn";

/** role="alert" for errors (announced at once), role="status" for confirmations. */
export function Alert({ tone, children, className }: { tone: "error" | "success" | "info" | "warning"; children: React.ReactNode; className?: string }) {
  const styles = {
    error: "border-red-300 bg-red-50 text-red-900",
    success: "border-emerald-300 bg-emerald-50 text-emerald-900",
    info: "border-sky-300 bg-sky-50 text-sky-900",
    warning: "border-amber-300 bg-amber-50 text-amber-900",
  }[tone];
  const prefix = { error: "Error:", success: "Done:", info: "Note:", warning: "Warning:" }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("rounded-md border px-3 py-2 text-sm", styles, className)}>
      <span className="sr-only">{prefix} </span>
      {children}
    </div>
  );
}
