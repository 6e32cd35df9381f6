import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">This page or record was not found, or it is outside what your account can see.</p>
      <p className="mt-4">
        <Link href="/">Go to the home page</Link>
      </p>
    </main>
  );
}
