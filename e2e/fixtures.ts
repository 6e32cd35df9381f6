import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "lakeside-demo-2026";

export const DEMO = {
  admin: "admin@lakeside.example",
  cio: "cio@lakeside.example",
  ceLead: "ce.lead@lakeside.example",
  itLead: "it.lead@lakeside.example",
  securityLead: "security.lead@lakeside.example",
  assessor: "assessor@lakeside.example",
  auditor: "auditor@lakeside.example",
} as const;

/** Signs in through the real form and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
}
