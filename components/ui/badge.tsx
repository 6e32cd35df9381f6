import { cn } from "./cn";

// Short class names (app/globals.css, components layer): a list page renders a badge per row, and each one's
// 130-character utility list travelled twice, in the HTML and in the RSC payload (issue #15).
const TONES = {
  neutral: "badge badge-neutral",
  good: "badge badge-good",
  warn: "badge badge-warn",
  bad: "badge badge-bad",
  info: "badge badge-info",
} as const;

/** A label with text that carries the meaning; the tone only reinforces it. */
export function Badge({ tone = "neutral", children, className }: { tone?: keyof typeof TONES; children: React.ReactNode; className?: string }) {
  return <span className={cn(TONES[tone], className)}>{children}</span>;
}
