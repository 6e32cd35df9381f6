export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-brand-800">Clearline</p>
          <p className="text-sm text-slate-600">Medical device cybersecurity governance</p>
        </div>
        {children}
      </div>
    </main>
  );
}
