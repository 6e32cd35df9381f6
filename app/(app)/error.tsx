"use client";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm">Clearline could not show this page{error.digest ? ` (ref ${error.digest})` : ""}. Nothing you saved before was lost.</p>
      <button type="button" onClick={reset} className="mt-3 rounded-md border border-red-400 bg-white px-3 py-1.5 text-sm">
        Try again
      </button>
    </div>
  );
}
