import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { needsSetup } from "@/lib/services/admin/setup-organization";
import { getDb } from "@/lib/server/db";
import { Card } from "@/components/ui/card";
import { ActionForm } from "@/components/forms/action-form";
import { TextField } from "@/components/forms/fields";
import { setupAction } from "./actions";

export const metadata: Metadata = { title: "Set up Clearline" };

export default async function SetupPage() {
  await connection();
  if (!needsSetup(await getDb())) notFound();
  return (
    <Card title="Set up your organization">
      <p className="mb-4 text-sm text-slate-600">
        This database is empty. Name your health system and create the first administrator. You can add sites, parties, device classes and other users once you
        are signed in.
      </p>
      <ActionForm action={setupAction} submitLabel="Create organization" successRedirect="/sign-in">
        <TextField name="organizationName" label="Organization name" required />
        <TextField name="name" label="Your name" required autoComplete="name" />
        <TextField name="email" label="Email" type="email" required autoComplete="username" />
        <TextField
          name="password"
          label="Password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 15 characters. A few unrelated words work well."
        />
      </ActionForm>
    </Card>
  );
}
