/**
 * Markup made once per data version (static-markup.ts), by id, for the HTML render of the same process.
 *
 * Next renders a page twice on the server: the React Server Components pass, whose payload is also inlined into the
 * HTML for the browser's router, and the HTML pass, which reads that payload back. A long string sent as a prop
 * therefore travels three times (HTML, payload, inlined payload), and the HTML pass spends most of its time on those
 * bytes (docs/benchmark.md, "Markup once"). For a full document request the server components pass only the id of
 * markup registered here; the HTML pass (StaticIsland, the RACI grid) reads the markup by id and writes it once into
 * the HTML. A request for the payload alone (client-side navigation, router.refresh) carries the markup itself.
 *
 * The two passes load their modules separately (two module graphs in one process), so the map hangs on globalThis.
 * It holds at most MAX_BYTES of markup, oldest registration dropped first; an id is registered again on every use, so
 * markup in use is never the oldest. A miss (evicted between the passes) is handled by the reader: it renders the
 * part itself or asks the router for the payload.
 */
const KEY = Symbol.for("clearline.static-markup");
const MAX_BYTES = 24 * 1024 * 1024;

type Registry = { entries: Map<string, string>; bytes: number };

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[KEY] ??= { entries: new Map(), bytes: 0 });
}

export function registerMarkup(id: string, html: string): void {
  const r = registry();
  const had = r.entries.get(id);
  if (had !== undefined) {
    r.entries.delete(id);
    r.bytes -= had.length * 2;
  }
  r.entries.set(id, html);
  r.bytes += html.length * 2;
  for (const [oldest, value] of r.entries) {
    if (r.bytes <= MAX_BYTES) break;
    r.entries.delete(oldest);
    r.bytes -= value.length * 2;
  }
}

/** The markup registered under `id` in this process, if it is still held (server only). */
export function registeredMarkup(id: string): string | undefined {
  return registry().entries.get(id);
}
