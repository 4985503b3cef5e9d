// Edit a saved run: the form opens filled in, the change shows and persists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, logRun, openApp, runItems } from "./support.mjs";

test("editing a run changes it in History and in storage", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { duration: "30:00", distance: "5" });
  await runItems(page).first().getByRole("button", { name: /^Edit run of/ }).click();

  await page.getByRole("heading", { name: "Edit run" }).waitFor();
  assert.equal(await page.getByLabel("Duration").inputValue(), "30:00");
  assert.equal(await page.getByLabel(/^Distance/).inputValue(), "5");
  await page.getByLabel(/^Distance/).fill("6");
  await page.getByRole("button", { name: "Save changes" }).click();

  await page.getByRole("status").getByText("Changes saved.").waitFor();
  assert.equal(await runItems(page).count(), 1);
  assert.match(await runItems(page).first().textContent(), /6\.00 km · 30:00 · 5:00 \/km/);
  await page.reload();
  await appReady(page);
  assert.match(await runItems(page).first().textContent(), /6\.00 km · 30:00 · 5:00 \/km/);
  await app.assertClean();
});
