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

export type BadgeTone = keyof typeof TONES;

/** A badge's class attribute: the component's and the markup rows' (components/ui/html.ts badgeHtml). */
export function badgeClass(tone: BadgeTone, className?: string): string {
  return cn(TONES[tone], className);
}

/** A label with text that carries the meaning; the tone only reinforces it. */
export function Badge({ tone = "neutral", children, className }: { tone?: BadgeTone; children: React.ReactNode; className?: string }) {
  return <span className={badgeClass(tone, className)}>{children}</span>;
}
