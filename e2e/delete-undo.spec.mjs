// Delete a run, undo it from the toast, and the run is back (also after reload).
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, localDateTime, logRun, openApp, runItems } from "./support.mjs";

test("a deleted run can be brought back with Undo", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { start: localDateTime(120), duration: "40:00", distance: "8", notes: "keep me" });
  await logRun(page, { start: localDateTime(60), duration: "20:00", distance: "4", notes: "delete me" });
  assert.equal(await runItems(page).count(), 2);

  await runItems(page).filter({ hasText: "delete me" }).getByRole("button", { name: /^Delete run of/ }).click();
  await page.getByRole("status").getByText("Run deleted.").waitFor();
  assert.equal(await runItems(page).count(), 1);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("status").getByText("Run restored.").waitFor();
  assert.equal(await runItems(page).count(), 2);

  await page.reload();
  await appReady(page);
  assert.equal(await runItems(page).count(), 2);
  assert.equal(await runItems(page).filter({ hasText: "delete me" }).count(), 1);

  // Deleting without undo sticks.
  await runItems(page).filter({ hasText: "delete me" }).getByRole("button", { name: /^Delete run of/ }).click();
  await page.getByRole("status").getByText("Run deleted.").waitFor();
  await page.reload();
  await appReady(page);
  assert.equal(await runItems(page).count(), 1);
  await app.assertClean();
});
