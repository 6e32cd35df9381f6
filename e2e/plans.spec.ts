import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

test("the IT lead sees the plans that name him on the home page, acknowledges one, and it leaves the list; an overdue review shows in words", async ({
  page,
}) => {
  await signIn(page, DEMO.itLead);
  const toAck = page.getByRole("list", { name: "Plans to acknowledge" });
  await expect(toAck).toContainText("Vendor remote-access compromise, version 1");
  await toAck.getByRole("link", { name: "Vendor remote-access compromise, version 1" }).click();

  await expect(page.getByRole("heading", { name: "Vendor remote-access compromise", exact: false }).first()).toBeVisible();
  await expect(page.getByText("This plan names you. Read version 1, then acknowledge it.")).toBeVisible();
  const acks = page.getByRole("table", { name: "Acknowledgements of version 1" });
  const me = acks.getByRole("row").filter({ hasText: "(you)" });
  await expect(me).toContainText("Not yet");
  const before = await acks.getByText(/Acknowledged/).count();
  await page.getByRole("button", { name: "I have read and understood version 1" }).click();
  await expect(me).toContainText("Acknowledged");
  await expect(acks.getByText(/Acknowledged/)).toHaveCount(before + 1);
  await expect(page.getByText("This plan names you.")).toHaveCount(0);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("list", { name: "Plans to acknowledge" }).getByText("Vendor remote-access compromise")).toHaveCount(0);

  // The plan list says which review is overdue, in words, not only by colour.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Response plans" }).click();
  const monitors = page.getByRole("row").filter({ hasText: "Bedside monitor network outage" });
  await expect(monitors).toContainText(/Review overdue since \d{4}-\d{2}-\d{2} \(\d+ days?\)/);
});
