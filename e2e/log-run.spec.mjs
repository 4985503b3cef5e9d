// Log a run -> it shows in History with its pace -> reload -> still there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, logRun, openApp, runItems } from "./support.mjs";

test("a logged run shows in History with its pace and survives a reload", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { type: "Tempo", duration: "27:30", distance: "5", rpe: "6", feel: "Great", notes: "windy" });

  await page.getByRole("heading", { name: "History" }).waitFor();
  await page.getByRole("status").getByText("Run saved.").waitFor();
  const item = runItems(page).first();
  await item.getByRole("heading", { name: "Tempo" }).waitFor();
  assert.match(await item.textContent(), /5\.00 km · 27:30 · 5:30 \/km/);
  assert.match(await item.textContent(), /Effort 6 \(Hard\) · Felt great/);

  await page.reload();
  await appReady(page);
  await page.getByRole("heading", { name: "History" }).waitFor();
  assert.equal(await runItems(page).count(), 1);
  assert.match(await runItems(page).first().textContent(), /27:30 · 5:30 \/km/);
  await goTab(page, "Today");
  // History stays in the page, hidden, with the same week total: Today's is the visible one.
  await page.getByText("1 session · 27:30 · 5.00 km").filter({ visible: true }).waitFor();
  await app.assertClean();
});
