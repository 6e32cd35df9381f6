import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/current";
import { LeadershipDashboard } from "@/components/dashboard/leadership-dashboard";

export const metadata: Metadata = { title: "Leadership dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  return <LeadershipDashboard actor={actor} site={(await searchParams).site} />;
}
