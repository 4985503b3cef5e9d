// Choosing miles changes how distances are entered and shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, goTab, logRun, openApp, runItems } from "./support.mjs";

test("switching to miles changes entry and every distance and pace shown", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { duration: "50:00", distance: "10" });
  assert.match(await runItems(page).first().textContent(), /10\.00 km · 50:00 · 5:00 \/km/);

  await goTab(page, "Settings");
  await page.getByRole("radio", { name: "Miles" }).check();
  await goTab(page, "History");
  assert.match(await runItems(page).first().textContent(), /6\.21 mi · 50:00 · 8:03 \/mi/);
  await page.getByText("1 session · 50:00 · 6.21 mi").filter({ visible: true }).waitFor(); // the week's totals
  await goTab(page, "Today");
  // History stays in the page, hidden, with the same totals: Today's are the visible ones.
  await page.getByText("1 session · 50:00 · 6.21 mi").filter({ visible: true }).waitFor();
  await page.getByRole("region", { name: "Just finished your usual run?" }).getByText("Easy · 6.21 mi · 50:00 · 8:03 /mi").waitFor();

  // Entry follows the setting: 3.1 typed is 3.1 miles.
  await logRun(page, { duration: "31:00", distance: "3.1" });
  assert.match(await runItems(page).first().textContent(), /3\.10 mi · 31:00 · 10:00 \/mi/);
  await page.reload();
  await appReady(page);
  await goTab(page, "Log");
  await page.getByLabel("Distance (mi)").waitFor();
  await app.assertClean();
});
