import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Benchmark baseline" };

/**
 * The benchmark's baseline (issue #15): a dynamic page of the same build under the root layout only — no session,
 * no database — so every page's cost is read as a multiple of what Next.js itself costs for a dynamic render.
 * It exists only when the process was started with CLEARLINE_BENCH_BASELINE=1 (scripts/bench.mjs sets it);
 * anywhere else it is "not found", and it never shows anything but this sentence.
 */
export default async function BenchBaselinePage() {
  await connection();
  if (process.env.CLEARLINE_BENCH_BASELINE !== "1") notFound();
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">Benchmark baseline</h1>
      <p>A bare dynamic page: the root layout only, no session and no database.</p>
    </main>
  );
}
